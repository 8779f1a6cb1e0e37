using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Storage.Schema;

namespace Iomt.Storage.Sqlite;

/// <summary>Waveform chunks.</summary>
public sealed partial class SqliteStore : IWaveformStore
{
    private static readonly Func<DateTimeOffset, object> MicrosecondsParameter = t => UnixMicroseconds.From(t);

    /// <inheritdoc />
    public async Task<int> AppendWaveformsAsync(IReadOnlyList<WaveformChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        // A pooled connection like the registry's: the chunks of one request in a small transaction of their own.
        await using var connection = await OpenReaderAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        var added = 0;
        foreach (var chunk in chunks)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = WaveformSql.Insert('$');
            foreach (var (name, value) in WaveformSql.InsertParameters(chunk, '$', MicrosecondsParameter))
            {
                insert.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            added += insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return added;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WaveformChunk>> GetDeviceWaveformsAsync(string deviceId, ObservationCode code, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (sql, parameters) = WaveformSql.Device(deviceId, code, from, to, '$', MicrosecondsParameter);
        return await QueryAsync(sql, r => WaveformSql.Read(r, x => UnixMicroseconds.ToTime(x.GetInt64(4))), cancellationToken, parameters);
    }

    /// <inheritdoc />
    public async Task<WaveformChunk?> GetLatestDeviceWaveformBeforeAsync(string deviceId, ObservationCode code, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var (sql, parameters) = WaveformSql.LatestBefore(deviceId, code, before, '$', MicrosecondsParameter);
        return (await QueryAsync(sql, r => WaveformSql.Read(r, x => UnixMicroseconds.ToTime(x.GetInt64(4))), cancellationToken, parameters)).SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WaveformSpan>> GetDeviceWaveformSpansAsync(string deviceId, ObservationCode code, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (sql, parameters) = WaveformSql.Spans(deviceId, code, from, to, '$', MicrosecondsParameter);
        return await QueryAsync(sql, r => new WaveformSpan(UnixMicroseconds.ToTime(r.GetInt64(0)), r.GetDouble(1), r.GetInt32(2)), cancellationToken, parameters);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WaveformChunk>> GetPatientWaveformsAsync(string patientId, ObservationCode? code, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var (sql, parameters) = WaveformSql.Patient(patientId, code, from, to, limit, '$', MicrosecondsParameter);
        return await QueryAsync(sql, r => WaveformSql.Read(r, x => UnixMicroseconds.ToTime(x.GetInt64(4))), cancellationToken, parameters);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string DeviceId, DateTimeOffset Start)>> GetLatestWaveformStartsAsync(ObservationCode code, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var (sql, parameters) = WaveformSql.LatestStarts(code, since, '$', MicrosecondsParameter);
        return await QueryAsync(sql, r => (r.GetString(0), UnixMicroseconds.ToTime(r.GetInt64(1))), cancellationToken, parameters);
    }
}
