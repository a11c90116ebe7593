using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using QRCoder;
using Treu.Server.Hosting;

namespace Treu.Server.Messages;

/// <summary>
/// Liquid templates with Fluid: checked on save (a syntax error is refused with its part, line and column), parsed once
/// and kept, rendered with a member's tokens (<see cref="TemplateTokens"/>). The HTML part escapes what it inserts; the
/// subject and the text part insert it as it is. Rendering is bounded in steps and size, so that a loop in a template
/// cannot hold the server up.
/// </summary>
public sealed partial class Templates
{
    public const int MaxSubjectLength = 500;
    public const int MaxPartLength = 100_000;

    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithMaxSteps(100_000)
        .WithMaxOutputSize(1_000_000)
        .AddFilter("qr_code", (input, _, context) => ValueTask.FromResult<FluidValue>(StringValue.Create(QrDataUri(input.ToStringValue(context)))))
        .Build();

    // Escapes what HTML gives a meaning to, and leaves umlauts and the euro sign as they are.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);

    /// <summary>Each part's problems, keyed by its path (<c>de.html</c>): missing, or not valid Liquid (with line and column).</summary>
    public static void Check(Validation check, TemplateParts? de, TemplateParts? en)
    {
        if (de is null && en is null)
        {
            check.Add("de", "give the template in one language at least: de or en");
            return;
        }

        foreach (var (language, parts) in new[] { ("de", de), ("en", en) })
        {
            if (parts is null)
            {
                continue;
            }

            foreach (var (name, source) in new[] { ("subject", parts.Subject), ("html", parts.Html), ("text", parts.Text) })
            {
                var path = $"{language}.{name}";
                if (string.IsNullOrWhiteSpace(source))
                {
                    check.Add(path, "is required: an e-mail has a subject, an HTML part and a text part");
                }
                else if (source.Length > (name == "subject" ? MaxSubjectLength : MaxPartLength))
                {
                    check.Add(path, $"is longer than {(name == "subject" ? MaxSubjectLength : MaxPartLength):N0} characters");
                }
                else if (!Parser.TryParse(source, out _, out var error))
                {
                    check.Add(path, Explain(error));
                }
            }
        }
    }

    /// <summary>Fluid's message, e.g. "End of tag '}}' was expected at (3:11)", as "line 3, column 11: End of tag '}}' was expected".</summary>
    private static string Explain(string error)
    {
        var first = error.Split('\n')[0].Trim();
        return Position().Match(first) is { Success: true } at
            ? $"line {at.Groups["line"].Value}, column {at.Groups["column"].Value}: {first[..at.Index].TrimEnd()}"
            : first;
    }

    [GeneratedRegex(@"\s*at \((?<line>\d+):(?<column>\d+)\)\s*$")]
    private static partial Regex Position();

    /// <summary>Renders a template in a language (or the one it has) with a member's tokens.</summary>
    public async Task<RenderedMessage> RenderAsync(MessageTemplate template, string language, TemplateTokens tokens, CancellationToken ct)
    {
        var (used, parts) = template.In(language);
        var context = new TemplateContext(Options)
        {
            TimeZone = tokens.TimeZone,
            CultureInfo = CultureInfo.GetCultureInfo(used == "de" ? "de-DE" : "en-GB"),
        };
        foreach (var (name, value) in tokens.Values)
        {
            context.SetValue(name, FluidValue.Create(value, Options));
        }

        async Task<string> Render(string part, string source, TextEncoder encoder) =>
            await Parsed($"{template.ProgramId}|{template.Id}|{template.UpdatedAt.Ticks}|{used}|{part}", source).RenderAsync(context, encoder);
        ct.ThrowIfCancellationRequested();
        var subject = await Render("subject", parts.Subject!, NullEncoder.Default);
        return new RenderedMessage(template.Id, used, tokens.MemberId, string.Join(' ', subject.Split('\r', '\n', StringSplitOptions.RemoveEmptyEntries)).Trim(),
            await Render("html", parts.Html!, Html), await Render("text", parts.Text!, NullEncoder.Default));
    }

    private IFluidTemplate Parsed(string key, string source)
    {
        if (_parsed.TryGetValue(key, out var template))
        {
            return template;
        }

        // Every saved version of every template would otherwise stay: start again now and then.
        if (_parsed.Count > 10_000)
        {
            _parsed.Clear();
        }

        return _parsed[key] = Parser.TryParse(source, out var parsed, out var error)
            ? parsed
            : throw new InvalidOperationException($"A stored template does not parse: {Explain(error)}");
    }

    /// <summary>A QR code of the text as a PNG data URI, for an &lt;img src&gt;: a voucher's code to scan at the till.</summary>
    public static string QrDataUri(string text) =>
        "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(text, QRCodeGenerator.ECCLevel.M, 4));
}
