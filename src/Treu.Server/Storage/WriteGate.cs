namespace Treu.Server.Storage;

/// <summary>
/// SQLite allows one writer at a time; queueing writers in the process is cheaper than letting them spin on
/// SQLITE_BUSY. On PostgreSQL the member row lock does the serialising and the gate lets everything through.
/// </summary>
public sealed class WriteGate(bool serialize)
{
    private readonly SemaphoreSlim? _gate = serialize ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (_gate is null)
        {
            return NoLock.Instance;
        }

        await _gate.WaitAsync(ct);
        return new Release(_gate);
    }

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
