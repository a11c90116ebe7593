using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Treu.Server.Staff;

/// <summary>An open console page checks its person's session every minute, as every request does: sign-out everywhere reaches it too.</summary>
public sealed class StaffSessionRevalidation(ILoggerFactory logs, IServiceScopeFactory scopes) : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (StaffSessions.PersonOf(state.User) is null)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await StaffSessions.IsCurrentAsync(scope.ServiceProvider, state.User, ct);
    }
}
