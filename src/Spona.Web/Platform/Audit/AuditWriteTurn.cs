using Spona.Web.Platform.Configuration;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// On SQLite, the group commit and the sealer take turns in the process before they ask the database for its one
/// write lock. Without it, a group commit that met the sealer's transaction got SQLITE_BUSY and SQLite's busy handler
/// slept (1, 2, 5, 10, 25 ms...) before it tried again, and every audited read of the group waited for that sleep
/// (bench/audited-read.sh). PostgreSQL has no single writer: there the turn is not taken.
/// </summary>
public sealed class AuditWriteTurn(SponaSettings settings) : IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly bool needed = settings.Provider == DatabaseProvider.Sqlite;

    /// <summary>Waits for the turn (on the calling thread); dispose the result to give it back.</summary>
    public Releaser Take()
    {
        if (!needed)
        {
            return default;
        }

        turn.Wait();
        return new Releaser(turn);
    }

    public async ValueTask<Releaser> TakeAsync(CancellationToken cancellationToken)
    {
        if (!needed)
        {
            return default;
        }

        await turn.WaitAsync(cancellationToken);
        return new Releaser(turn);
    }

    public void Dispose() => turn.Dispose();

    public readonly struct Releaser(SemaphoreSlim? turn) : IDisposable
    {
        public void Dispose() => turn?.Release();
    }
}
