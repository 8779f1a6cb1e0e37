using Iomt.Core.Measurements;
using Iomt.Server.Feed;
using Iomt.Server.Metrics;
using Iomt.Storage;
using Microsoft.Extensions.Options;

namespace Iomt.Server.Tests.Feed;

public sealed class CommittedFeedTests
{
    private static PendingReading Reading(string device, string id, string patient) => new(new Measurement
    {
        DeviceId = device,
        MessageId = id,
        PatientId = patient,
        Code = ObservationCode.Loinc("8867-4"),
        Value = 70,
        Unit = "/min",
        DeviceTime = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
    });

    [Fact]
    public void A_patients_readings_come_out_in_sequence_order_whatever_order_the_store_numbered_the_batch_in()
    {
        // As the SQLite store numbers chunk by chunk: monitor's two readings first, then the pump's.
        var batch = new[] { Reading("monitor", "a1", "p"), Reading("pump", "b1", "p"), Reading("monitor", "a2", "p"), Reading("pump", "b2", "p") };
        var feed = new CommittedFeed(Options.Create(new FeedOptions { Partitions = 1 }), new ServerMetrics());

        feed.Publish(batch, [1, 3, 2, 0]);

        var delivered = new List<long>();
        while (feed.Partition(0).Reader.TryRead(out var stored))
        {
            delivered.Add(stored.Sequence);
        }

        Assert.Equal([1L, 2L, 3L], delivered);
    }
}
