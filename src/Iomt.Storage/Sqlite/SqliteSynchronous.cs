namespace Iomt.Storage.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> in WAL mode: what a committed batch survives.</summary>
public enum SqliteSynchronous
{
    /// <summary>Survives a process crash or SIGKILL (the WAL is in the OS page cache); a power cut may lose the last commits.</summary>
    Normal,

    /// <summary>Also survives a power cut: every commit waits for fsync of the WAL.</summary>
    Full,
}
