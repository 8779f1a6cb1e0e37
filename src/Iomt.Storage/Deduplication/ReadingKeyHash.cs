namespace Iomt.Storage.Deduplication;

/// <summary>
/// A stable 64-bit fingerprint of an idempotency key (device id, message id). Stored with each SQLite row, so it
/// must never change between releases. Collisions are possible (≈ n²/2⁶⁵) and are harmless: every match is
/// verified against the stored strings before a reading is called a duplicate.
/// </summary>
public static class ReadingKeyHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The fingerprint of (<paramref name="deviceId"/>, <paramref name="messageId"/>).</summary>
    public static long Of(string deviceId, string messageId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(messageId);

        // FNV-1a over the UTF-16 code units, with the device id's length first so ("ab","c") ≠ ("a","bc").
        var hash = FnvOffset;
        hash = (hash ^ (ulong)deviceId.Length) * FnvPrime;
        foreach (var c in deviceId)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        hash = (hash ^ 0xFFFF) * FnvPrime;
        foreach (var c in messageId)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        // SplitMix64 finaliser: FNV's low bits are weak, and the Bloom filter and B-tree want uniform bits.
        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return unchecked((long)hash);
    }
}
