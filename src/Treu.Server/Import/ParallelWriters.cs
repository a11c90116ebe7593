using System.Threading.Channels;
using Treu.Server.Storage;

namespace Treu.Server.Import;

/// <summary>
/// Hands chunks from one producer to several writers, each with a connection (service scope) of its own, so that
/// PostgreSQL takes COPYs on several cores while the next chunks are being prepared. At most one chunk per writer
/// waits in the queue: memory stays bounded by a few chunks, whatever the file's size.
/// </summary>
public static class ParallelWriters
{
    /// <summary>As many writers as the database takes side by side (<see cref="Storage.Dialects.StorageDialect.ParallelWriters"/>).</summary>
    public static int Default(TreuDbContext db) => db.Dialect.ParallelWriters;

    public static async Task RunAsync<TChunk>(IServiceScopeFactory scopes, int writers, Func<Func<TChunk, CancellationToken, ValueTask>, CancellationToken, Task> produce,
        Func<IServiceProvider, TChunk, CancellationToken, Task> write, CancellationToken ct)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var queue = Channel.CreateBounded<TChunk>(new BoundedChannelOptions(Math.Max(writers, 1)) { SingleWriter = true });
        var consumers = Enumerable.Range(0, Math.Max(writers, 1)).Select(_ => Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await foreach (var chunk in queue.Reader.ReadAllAsync(failed.Token))
                {
                    await write(scope.ServiceProvider, chunk, failed.Token);
                }
            }
            catch
            {
                // One writer's failure stops the producer and the other writers; its exception is the one reported.
                await failed.CancelAsync();
                throw;
            }
        }, CancellationToken.None)).ToList();

        try
        {
            await produce((chunk, token) => queue.Writer.WriteAsync(chunk, token), failed.Token);
            queue.Writer.Complete();
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            queue.Writer.Complete();
        }
        catch (Exception e)
        {
            queue.Writer.Complete(e);
            await failed.CancelAsync();
            await Task.WhenAll(consumers.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));
            throw;
        }

        await Task.WhenAll(consumers);
    }
}
