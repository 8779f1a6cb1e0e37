using Microsoft.Data.Sqlite;

namespace Iomt.Storage.Sqlite;

/// <summary>
/// Copies committed WAL frames into the database file on its own connection and thread, so the single writer
/// does not pay for checkpoints inside its commits (SQLite's automatic checkpoint runs in the committing thread).
/// PASSIVE checkpoints never block the writer or readers, but with back-to-back commits they rarely finish before
/// the writer appends more, and SQLite only starts the WAL file over when every frame was copied. So once the
/// WAL holds more than <see cref="RestartFrames"/> frames, a RESTART checkpoint (which briefly holds the writer off
/// while it copies the few frames the last PASSIVE one left) lets the next transaction write from the start of the
/// file again. The writer keeps a large automatic checkpoint threshold as a bound should this loop fall behind.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    private const long RestartFrames = 8192;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly CancellationTokenSource _stop = new();
    private readonly SqliteConnection _connection;
    private readonly Task _loop;
    private int _dirty;

    public WalCheckpointer(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Called by the writer after a commit: there are frames to copy.</summary>
    public void Committed() => Volatile.Write(ref _dirty, 1);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var passive = _connection.CreateCommand();
        passive.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var restart = _connection.CreateCommand();
        restart.CommandText = "PRAGMA wal_checkpoint(RESTART)";
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            if (Interlocked.Exchange(ref _dirty, 0) == 0)
            {
                continue;
            }

            try
            {
                // Columns: busy, frames in the WAL, frames copied.
                long frames;
                using (var reader = passive.ExecuteReader())
                {
                    frames = reader.Read() ? reader.GetInt64(1) : 0;
                }

                if (frames > RestartFrames)
                {
                    restart.ExecuteNonQuery();
                }
            }
            catch (SqliteException)
            {
                // Busy or I/O trouble: the writer's automatic checkpoint is the fallback; try again next tick.
                Volatile.Write(ref _dirty, 1);
            }
        }
    }
}
