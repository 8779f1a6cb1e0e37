namespace Iomt.Server.Ingestion;

/// <summary>Tuning of the ingestion path (bound from configuration section "Ingestion", env IOMT_Ingestion__*).</summary>
public sealed class IngestionOptions
{
    /// <summary>Most readings in one commit transaction.</summary>
    public int MaxBatchReadings { get; set; } = 8192;

    /// <summary>Most pending commit requests queued before senders wait (back-pressure).</summary>
    public int QueueCapacity { get; set; } = 256;

    /// <summary>How long the writer lingers for more requests after the first one, in milliseconds (0: commit what is queued).</summary>
    public double LingerMilliseconds { get; set; }

    /// <summary>How far ahead of the server clock a device time may be.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromDays(1);
}
