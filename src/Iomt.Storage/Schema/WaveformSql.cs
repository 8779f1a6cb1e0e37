using System.Data.Common;
using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;

namespace Iomt.Storage.Schema;

/// <summary>The waveform statements shared by the stores (they differ in the parameter marker and the time type).</summary>
internal static class WaveformSql
{
    private const string Columns = "device_id, patient_id, code_system, code, start_time, sample_rate, gain, offset_value, unit, samples, channel";

    /// <summary>The INSERT of one chunk, parameters named marker + column.</summary>
    public static string Insert(char marker) =>
        $"INSERT INTO waveform_chunk ({Columns}) VALUES ({marker}device, {marker}patient, {marker}system, {marker}code, {marker}start, {marker}rate, {marker}gain, {marker}offset, {marker}unit, {marker}samples, {marker}channel) "
        + "ON CONFLICT (device_id, code_system, code, channel, start_time) DO NOTHING";

    /// <summary>The parameters of <see cref="Insert"/> for <paramref name="chunk"/>.</summary>
    public static (string Name, object? Value)[] InsertParameters(WaveformChunk chunk, char marker, Func<DateTimeOffset, object> time) =>
    [
        ($"{marker}device", chunk.DeviceId),
        ($"{marker}patient", chunk.PatientId),
        ($"{marker}system", chunk.Code.System),
        ($"{marker}code", chunk.Code.Code),
        ($"{marker}start", time(chunk.Start)),
        ($"{marker}rate", chunk.SampleRateHz),
        ($"{marker}gain", chunk.Gain),
        ($"{marker}offset", chunk.Offset),
        ($"{marker}unit", chunk.Unit),
        ($"{marker}samples", WaveformSamples.Encode(chunk.Samples)),
        ($"{marker}channel", chunk.Channel),
    ];

    /// <summary>A device's chunks of one code starting in [from, to).</summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) Device(string deviceId, ObservationCode code, DateTimeOffset from, DateTimeOffset to, char marker, Func<DateTimeOffset, object> time) =>
        ($"SELECT {Columns} FROM waveform_chunk WHERE device_id = {marker}device AND code_system = {marker}system AND code = {marker}code "
            + $"AND start_time >= {marker}from AND start_time < {marker}to ORDER BY start_time, channel",
         [($"{marker}device", deviceId), ($"{marker}system", code.System), ($"{marker}code", code.Code), ($"{marker}from", time(from)), ($"{marker}to", time(to))]);

    /// <summary>
    /// A device's latest channel-0 chunk of one code starting before <c>before</c>. Every signal has a channel 0, and with
    /// it the unique key (device, code, channel, start) finds the row by a seek; without it the plan scans every
    /// device's chunks of the code before that time.
    /// </summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) LatestBefore(string deviceId, ObservationCode code, DateTimeOffset before, char marker, Func<DateTimeOffset, object> time) =>
        ($"SELECT {Columns} FROM waveform_chunk WHERE device_id = {marker}device AND code_system = {marker}system AND code = {marker}code "
            + $"AND channel = 0 AND start_time < {marker}before ORDER BY start_time DESC LIMIT 1",
         [($"{marker}device", deviceId), ($"{marker}system", code.System), ($"{marker}code", code.Code), ($"{marker}before", time(before))]);

    /// <summary>
    /// The start, rate and sample count (4 bytes each) of a device's channel-0 chunks of one code starting in [from, to),
    /// in start order: a range of the unique key.
    /// </summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) Spans(string deviceId, ObservationCode code, DateTimeOffset from, DateTimeOffset to, char marker, Func<DateTimeOffset, object> time) =>
        ($"SELECT start_time, sample_rate, length(samples) / 4 FROM waveform_chunk WHERE device_id = {marker}device AND code_system = {marker}system "
            + $"AND code = {marker}code AND channel = 0 AND start_time >= {marker}from AND start_time < {marker}to ORDER BY start_time",
         [($"{marker}device", deviceId), ($"{marker}system", code.System), ($"{marker}code", code.Code), ($"{marker}from", time(from)), ($"{marker}to", time(to))]);

    /// <summary>A patient's chunks (optionally of one code) starting in [from, to), at most <paramref name="limit"/>.</summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) Patient(string patientId, ObservationCode? code, DateTimeOffset from, DateTimeOffset to, int limit, char marker, Func<DateTimeOffset, object> time)
    {
        var byCode = code is null ? "" : $"AND code_system = {marker}system AND code = {marker}code ";
        var sql = $"SELECT {Columns} FROM waveform_chunk WHERE patient_id = {marker}patient {byCode}"
            + $"AND start_time >= {marker}from AND start_time < {marker}to ORDER BY start_time, device_id, code, channel LIMIT {marker}limit";
        List<(string, object?)> parameters = [($"{marker}patient", patientId), ($"{marker}from", time(from)), ($"{marker}to", time(to)), ($"{marker}limit", limit)];
        if (code is { } c)
        {
            parameters.Add(($"{marker}system", c.System));
            parameters.Add(($"{marker}code", c.Code));
        }

        return (sql, [.. parameters]);
    }

    /// <summary>Each device's latest start of a chunk of one code, over the devices with one starting at or after <paramref name="since"/>.</summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) LatestStarts(ObservationCode code, DateTimeOffset since, char marker, Func<DateTimeOffset, object> time) =>
        ($"SELECT device_id, MAX(start_time) FROM waveform_chunk WHERE code_system = {marker}system AND code = {marker}code AND start_time >= {marker}since "
            + "GROUP BY device_id ORDER BY device_id",
         [($"{marker}system", code.System), ($"{marker}code", code.Code), ($"{marker}since", time(since))]);

    /// <summary>A row of the chunk SELECTs above; <paramref name="startTime"/> reads column 4 in the store's time type.</summary>
    public static WaveformChunk Read(DbDataReader r, Func<DbDataReader, DateTimeOffset> startTime) => new()
    {
        DeviceId = r.GetString(0),
        PatientId = r.IsDBNull(1) ? null : r.GetString(1),
        Code = new ObservationCode(r.GetString(2), r.GetString(3)),
        Start = startTime(r),
        SampleRateHz = r.GetDouble(5),
        Gain = r.GetDouble(6),
        Offset = r.GetDouble(7),
        Unit = r.GetString(8),
        Samples = WaveformSamples.Decode(r.GetFieldValue<byte[]>(9)),
        Channel = r.GetInt32(10),
    };
}
