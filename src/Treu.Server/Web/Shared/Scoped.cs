namespace Treu.Server.Web.Shared;

/// <summary>
/// Runs one piece of a page's work — a query, a use case — in a service scope of its own. A console page lives as long as
/// its circuit; the use cases and their database context are made for one unit of work, and two components of a page may
/// load at the same time: each call gets its own context, as each API request does.
/// </summary>
public sealed class Scoped(IServiceScopeFactory scopes)
{
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull =>
        RunAsync(services => work(services.GetRequiredService<TService>()));
}
