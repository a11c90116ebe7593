using Treu.Domain.Common;
using Treu.Server.Storage;

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

    /// <summary>
    /// A write as the API makes it: the use case's check, then its run in one transaction (shared with other ledger writes
    /// of the member's commit group when <paramref name="group"/> is given), committed only when it succeeds.
    /// </summary>
    public Task<Result<T>> WriteAsync<TUseCase, TOrder, T>(Func<TUseCase, Task<Result<TOrder>>> check, Func<TUseCase, TOrder, CancellationToken, Task<Result<T>>> run,
        CommitGroup? group = null) where TUseCase : notnull =>
        RunAsync<Result<T>>(async services =>
        {
            var useCase = services.GetRequiredService<TUseCase>();
            var order = await check(useCase);
            if (order.Failure is { } invalid)
            {
                return invalid;
            }

            var tx = services.GetRequiredService<WriteTransaction>();
            return group is { } shared
                ? await tx.RunSharedAsync(shared, ct => run(useCase, order.Value, ct), r => r.Succeeded, CancellationToken.None)
                : await tx.RunAloneAsync(ct => run(useCase, order.Value, ct), r => r.Succeeded, CancellationToken.None);
        });
}
