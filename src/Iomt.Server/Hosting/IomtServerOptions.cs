namespace Iomt.Server.Hosting;

/// <summary>What <c>iomt serve</c> runs with; flags, environment (IOMT_*) and configuration fill it.</summary>
public sealed class IomtServerOptions
{
    /// <summary>Folder of the embedded SQLite database.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>HTTP listen URLs, ';'-separated.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>PostgreSQL connection string; when set, PostgreSQL is the store instead of SQLite.</summary>
    public string? Postgres { get; set; }

    /// <summary>SQLite synchronous mode: NORMAL (survives process crashes) or FULL (also power loss).</summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    /// <summary>TCP port of the HL7 v2 MLLP listener; 0 disables it.</summary>
    public int MllpPort { get; set; } = 2575;
}
