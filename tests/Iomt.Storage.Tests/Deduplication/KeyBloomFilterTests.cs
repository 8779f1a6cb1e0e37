using Iomt.Storage.Deduplication;

namespace Iomt.Storage.Tests.Deduplication;

public sealed class KeyBloomFilterTests
{
    [Fact]
    public void Never_forgets_an_added_key_and_rarely_claims_a_new_one_even_after_growing()
    {
        var filter = new KeyBloomFilter(initialCapacity: 10_000, maxBytes: 64L * 1024 * 1024);
        var added = Enumerable.Range(0, 50_000).Select(i => ReadingKeyHash.Of("dev", $"added-{i}")).ToList();
        added.ForEach(filter.Add);

        Assert.All(added, h => Assert.True(filter.MightContain(h)));
        var falsePositives = Enumerable.Range(0, 50_000).Count(i => filter.MightContain(ReadingKeyHash.Of("dev", $"new-{i}")));
        Assert.InRange(falsePositives, 0, 50_000 * 3 / 100);
    }

    [Fact]
    public void Keeps_every_key_when_the_memory_cap_stops_growth()
    {
        var filter = new KeyBloomFilter(initialCapacity: 1024, maxBytes: 4096);
        var added = Enumerable.Range(0, 20_000).Select(i => ReadingKeyHash.Of("d", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        added.ForEach(filter.Add);

        Assert.True(filter.Bytes <= 4096);
        Assert.All(added, h => Assert.True(filter.MightContain(h)));
    }

    [Fact]
    public void The_first_layer_also_respects_the_memory_cap()
    {
        var filter = new KeyBloomFilter(initialCapacity: 8L << 20, maxBytes: 1 << 20);
        var added = Enumerable.Range(0, 5_000).Select(i => ReadingKeyHash.Of("d", $"k-{i}")).ToList();
        added.ForEach(filter.Add);

        Assert.InRange(filter.Bytes, 1, 1 << 20);
        Assert.All(added, h => Assert.True(filter.MightContain(h)));
    }
}
