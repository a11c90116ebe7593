using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Treu.Server.Hosting;

using Treu.Server.Staff;

namespace Treu.Server.Web.Shared;

/// <summary>The signed-in person of a page: the caller the use cases see, and what their role allows.</summary>
public sealed class ConsoleSession(AuthenticationStateProvider auth, IAuthorizationService authorization)
{
    public async Task<Caller> CallerAsync() =>
        StaffSessions.CallerOf((await auth.GetAuthenticationStateAsync()).User) ?? throw new InvalidOperationException("No one of staff is signed in.");

    public async Task<bool> AllowsAsync(string permission) =>
        (await authorization.AuthorizeAsync((await auth.GetAuthenticationStateAsync()).User, permission)).Succeeded;
}
