using Iomt.Storage.Schema;

namespace Iomt.Storage.Sqlite;

/// <summary>
/// Gathers a patient chart from decoded chunks: the readings in [from, to] with the queried code, ordered by device
/// time then sequence, at most <see cref="ReadingQuery.Limit"/>. Keeps memory bounded by trimming to the limit
/// whenever twice the limit has accumulated (chunks arrive in no particular time order).
/// </summary>
internal sealed class ChartCollector(ReadingQuery query, long from, long to)
{
    private static readonly Comparison<StoredReading> ByTimeThenSeq = (a, b) =>
    {
        var byTime = a.Measurement.DeviceTime.CompareTo(b.Measurement.DeviceTime);
        return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
    };

    private readonly List<StoredReading> _readings = [];

    public void AddChunk(ChunkRow chunk)
    {
        foreach (var stored in chunk.Readings)
        {
            var time = UnixMicroseconds.From(stored.Measurement.DeviceTime);
            if (time >= from && time <= to && (query.Code is null || stored.Measurement.Code == query.Code))
            {
                _readings.Add(stored);
            }
        }

        if (_readings.Count >= 2L * Math.Max(query.Limit, 1024))
        {
            Trim();
        }
    }

    public IReadOnlyList<StoredReading> Result()
    {
        Trim();
        return _readings;
    }

    private void Trim()
    {
        _readings.Sort(ByTimeThenSeq);
        if (_readings.Count > query.Limit)
        {
            _readings.RemoveRange(query.Limit, _readings.Count - query.Limit);
        }
    }
}
