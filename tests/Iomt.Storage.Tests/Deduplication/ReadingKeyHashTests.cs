using Iomt.Storage.Deduplication;

namespace Iomt.Storage.Tests.Deduplication;

public sealed class ReadingKeyHashTests
{
    [Fact]
    public void Is_stable_across_releases_because_it_is_stored_in_every_sqlite_row()
    {
        // Golden value: if this changes, every existing database would stop detecting old resends.
        Assert.Equal(GoldenValue, ReadingKeyHash.Of("oximeter-17", "3f2b8c1e-0d4a-4f7e-9a55-2c1d7be0f901"));
    }

    [Fact]
    public void Separates_the_device_id_from_the_message_id()
    {
        Assert.NotEqual(ReadingKeyHash.Of("ab", "c"), ReadingKeyHash.Of("a", "bc"));
        Assert.NotEqual(ReadingKeyHash.Of("dev-1", "m-1"), ReadingKeyHash.Of("dev-2", "m-1"));
    }

    private const long GoldenValue = 9093897094180373641;
}
