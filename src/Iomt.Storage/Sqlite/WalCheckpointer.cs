using Microsoft.Data.Sqlite;

namespace Iomt.Storage.Sqlite;

/// <summary>
/// Copies committed WAL frames into the database file on its own connection and thread, so that the checkpoint
/// SQLite runs automatically inside the writer's commit (every 1 000 WAL pages) finds most frames already copied.
/// Only PASSIVE checkpoints: they never wait for readers or block the writer. (A RESTART checkpoint here would
/// reset the WAL sooner, but it holds the write lock while it waits for readers, so one slow chart query would
/// stall ingestion.) The writer's own automatic checkpoint, also PASSIVE, keeps the WAL bounded as before.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
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
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            if (Interlocked.Exchange(ref _dirty, 0) == 0)
            {
                continue;
            }

            try
            {
                passive.ExecuteNonQuery();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Busy or I/O trouble: the writer's automatic checkpoint covers it; try again next tick.
                Volatile.Write(ref _dirty, 1);
            }
        }
    }
}
