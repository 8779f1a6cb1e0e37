namespace Iomt.Storage.Deduplication;

/// <summary>
/// A growable Bloom filter over <see cref="ReadingKeyHash"/> fingerprints: "definitely never stored" for almost
/// every new reading at ≈ 1.2 bytes per stored key, so only resends (and ≈ 1 % false positives) pay a durable
/// index lookup. Correctness never depends on it: a false positive costs one lookup, never a lost reading.
/// </summary>
public sealed class KeyBloomFilter
{
    // 10 bits per key and 7 probes give ≈ 0.8 % false positives per filter (Bloom 1970; k = ln2·m/n).
    private const int BitsPerKey = 10;
    private const int Probes = 7;
    private readonly List<Layer> _layers = [];
    private readonly long _maxBytes;

    /// <summary>Creates a filter sized for <paramref name="initialCapacity"/> keys that grows to at most <paramref name="maxBytes"/>.</summary>
    public KeyBloomFilter(long initialCapacity, long maxBytes)
    {
        _maxBytes = maxBytes;
        _layers.Add(new Layer(Math.Max(1024, initialCapacity)));
    }

    /// <summary>Bytes of bit arrays held.</summary>
    public long Bytes => _layers.Sum(l => (long)l.Bits.Length * sizeof(ulong));

    /// <summary>Adds a fingerprint.</summary>
    public void Add(long hash)
    {
        var layer = _layers[^1];
        if (layer.Count >= layer.Capacity && Bytes + (layer.Capacity * 2 * BitsPerKey / 8) <= _maxBytes)
        {
            // A new layer twice as large keeps the combined false-positive rate bounded without a rebuild.
            layer = new Layer(layer.Capacity * 2);
            _layers.Add(layer);
        }

        layer.Add(hash);
    }

    /// <summary>False when the fingerprint was certainly never added.</summary>
    public bool MightContain(long hash)
    {
        foreach (var layer in _layers)
        {
            if (layer.MightContain(hash))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Layer
    {
        private readonly ulong _bitCount;

        public Layer(long capacity)
        {
            Capacity = capacity;
            _bitCount = (ulong)Math.Max(64, capacity * BitsPerKey);
            Bits = new ulong[(_bitCount + 63) / 64];
        }

        public long Capacity { get; }

        public long Count { get; private set; }

        public ulong[] Bits { get; }

        public void Add(long hash)
        {
            var (h1, h2) = Split(hash);
            for (uint i = 0; i < Probes; i++)
            {
                var bit = (h1 + (i * h2)) % _bitCount;
                Bits[bit >> 6] |= 1UL << (int)(bit & 63);
            }

            Count++;
        }

        public bool MightContain(long hash)
        {
            var (h1, h2) = Split(hash);
            for (uint i = 0; i < Probes; i++)
            {
                var bit = (h1 + (i * h2)) % _bitCount;
                if ((Bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
                {
                    return false;
                }
            }

            return true;
        }

        // Double hashing (Kirsch & Mitzenmacher 2006): two halves of one good 64-bit hash give every probe.
        private static (ulong H1, ulong H2) Split(long hash)
        {
            var u = unchecked((ulong)hash);
            return (u & 0xFFFFFFFF, (u >> 32) | 1);
        }
    }
}
