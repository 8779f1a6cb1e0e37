using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Storage.Schema;

namespace Iomt.Storage.Postgres;

/// <summary>Waveform chunks.</summary>
public sealed partial class PostgresStore : IWaveformStore
{
    private static readonly Func<DateTimeOffset, object> UtcParameter = t => t.ToUniversalTime();

    /// <inheritdoc />
    public async Task<int> AppendWaveformsAsync(IReadOnlyList<WaveformChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        await EnsureMigratedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = 0;
        foreach (var chunk in chunks)
        {
            added += await ExecuteAsync(connection, WaveformSql.Insert('@'), cancellationToken, WaveformSql.InsertParameters(chunk, '@', UtcParameter));
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WaveformChunk>> GetDeviceWaveformsAsync(string deviceId, ObservationCode code, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (sql, parameters) = WaveformSql.Device(deviceId, code, from, to, '@', UtcParameter);
        return await QueryAsync(sql, r => WaveformSql.Read(r, x => x.GetFieldValue<DateTimeOffset>(4)), cancellationToken, parameters);
    }

    /// <inheritdoc />
    public async Task<WaveformChunk?> GetLatestDeviceWaveformBeforeAsync(string deviceId, ObservationCode code, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var (sql, parameters) = WaveformSql.LatestBefore(deviceId, code, before, '@', UtcParameter);
        return (await QueryAsync(sql, r => WaveformSql.Read(r, x => x.GetFieldValue<DateTimeOffset>(4)), cancellationToken, parameters)).SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WaveformSpan>> GetDeviceWaveformSpansAsync(string deviceId, ObservationCode code, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (sql, parameters) = WaveformSql.Spans(deviceId, code, from, to, '@', UtcParameter);
        return await QueryAsync(sql, r => new WaveformSpan(r.GetFieldValue<DateTimeOffset>(0), r.GetDouble(1), r.GetInt32(2)), cancellationToken, parameters);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WaveformChunk>> GetPatientWaveformsAsync(string patientId, ObservationCode? code, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var (sql, parameters) = WaveformSql.Patient(patientId, code, from, to, limit, '@', UtcParameter);
        return await QueryAsync(sql, r => WaveformSql.Read(r, x => x.GetFieldValue<DateTimeOffset>(4)), cancellationToken, parameters);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string DeviceId, DateTimeOffset Start)>> GetLatestWaveformStartsAsync(ObservationCode code, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var (sql, parameters) = WaveformSql.LatestStarts(code, since, '@', UtcParameter);
        return await QueryAsync(sql, r => (r.GetString(0), r.GetFieldValue<DateTimeOffset>(1)), cancellationToken, parameters);
    }
}
