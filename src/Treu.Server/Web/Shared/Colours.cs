using System.Globalization;

namespace Treu.Server.Web.Shared;

/// <summary>
/// The brand colour made readable: WCAG 2 contrast ratios between colours, the text colour (black or white) that reads
/// best on the brand, and the brand darkened until it reads as text on white.
/// </summary>
public static class Colours
{
    /// <summary>WCAG AA for normal text; a little above, so that off-white backgrounds pass too.</summary>
    public const double TextContrast = 4.8;

    public readonly record struct Rgb(byte R, byte G, byte B);

    public static Rgb? Parse(string? hex) =>
        hex is { Length: 7 } && hex[0] == '#' && int.TryParse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)
            ? new Rgb((byte)(v >> 16), (byte)(v >> 8 & 0xff), (byte)(v & 0xff))
            : null;

    public static string Hex(Rgb c) => $"#{c.R:x2}{c.G:x2}{c.B:x2}";

    public static double Contrast(Rgb a, Rgb b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    public static Rgb ReadableOn(Rgb background)
    {
        var (white, black) = (new Rgb(255, 255, 255), new Rgb(0, 0, 0));
        return Contrast(white, background) >= Contrast(black, background) ? white : black;
    }

    public static Rgb ReadableOnWhite(Rgb colour)
    {
        var white = new Rgb(255, 255, 255);
        for (var i = 0; i < 20 && Contrast(colour, white) < TextContrast; i++)
        {
            colour = new Rgb((byte)(colour.R * 0.9), (byte)(colour.G * 0.9), (byte)(colour.B * 0.9));
        }

        return colour;
    }

    private static double Luminance(Rgb c) => 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);

    private static double Channel(byte v)
    {
        var s = v / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }
}
