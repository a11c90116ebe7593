using Microsoft.AspNetCore.Components.Authorization;
using Treu.Server.Hosting;

namespace Treu.Server.Web.Shared;

/// <summary>
/// The program a page belongs to: the signed-in person's, or before sign-in the deployment's (one program per deployment),
/// and its brand, read once per page or circuit.
/// </summary>
public sealed class WebProgram(Scoped scoped, AuthenticationStateProvider auth)
{
    public sealed record Brand(string Name, string? Logo, string Colour, string OnColour, string TextColour);

    private Task<Brand>? _brand;

    public Task<Brand> BrandAsync() => _brand ??= LoadAsync();

    private async Task<Brand> LoadAsync()
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        var program = await scoped.RunAsync<ProgramSettings, Domain.Programs.LoyaltyProgram>(async settings =>
            await settings.GetAsync(user.FindFirst("program")?.Value ?? await settings.DeploymentProgramIdAsync(CancellationToken.None), CancellationToken.None));
        var colour = Colours.Parse(program.BrandColour) ?? Colours.Parse("#0b5cad")!.Value;
        return new Brand(program.Name, program.Logo, Colours.Hex(colour), Colours.Hex(Colours.ReadableOn(colour)), Colours.Hex(Colours.ReadableOnWhite(colour)));
    }
}
