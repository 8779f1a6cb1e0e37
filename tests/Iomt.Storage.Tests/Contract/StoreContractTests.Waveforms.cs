using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using static Iomt.Storage.Tests.Contract.Readings;

namespace Iomt.Storage.Tests.Contract;

/// <summary>Waveform chunks part of the contract.</summary>
public abstract partial class StoreContractTests
{
    private static readonly ObservationCode LeadII = ObservationCode.Mdc("131330");
    private static readonly ObservationCode LeadI = ObservationCode.Mdc("131329");

    /// <summary>The store as a waveform store.</summary>
    protected static IWaveformStore Waveforms(IMeasurementStore store) => (IWaveformStore)store;

    private static WaveformChunk Chunk(string device, string? patient, ObservationCode code, DateTimeOffset start, params int[] samples) => new()
    {
        DeviceId = device,
        PatientId = patient,
        Code = code,
        Start = start,
        SampleRateHz = 250,
        Gain = 0.005,
        Offset = -10.24,
        Unit = "mV",
        Samples = [.. samples],
    };

    [Fact]
    public async Task Waveform_chunks_round_trip_every_field_once_and_come_back_by_device_and_by_patient_in_start_order()
    {
        var store = await OpenAsync();
        var second = Chunk("ecg-1", "p-1", LeadII, T0.AddSeconds(2), 5, -6, int.MinValue, int.MaxValue);
        var first = Chunk("ecg-1", "p-1", LeadII, T0, 1, 2, 3, 4);
        var otherLead = Chunk("ecg-1", "p-1", LeadI, T0, 9);
        var unbound = Chunk("ecg-2", null, LeadII, T0, 7);
        // The y and z axes of one SampledData (dimensions 3) share device, code and start: the channel tells them apart.
        var y = Chunk("acc-1", "p-2", LeadI, T0, 1) with { Channel = 1 };
        var z = Chunk("acc-1", "p-2", LeadI, T0, 2) with { Channel = 2 };

        Assert.Equal(6, await Waveforms(store).AppendWaveformsAsync([second, first, otherLead, unbound, y, z], default));
        // A resend (same device, code and start) is not stored again, even with other samples.
        Assert.Equal(0, await Waveforms(store).AppendWaveformsAsync([first with { Samples = [0] }], default));
        store = await ReopenAsync(store);

        var byDevice = await Waveforms(store).GetDeviceWaveformsAsync("ecg-1", LeadII, T0, T0.AddSeconds(10), default);
        Assert.Equal(2, byDevice.Count);
        AssertSameChunk(first, byDevice[0]);
        AssertSameChunk(second, byDevice[1]);
        // [from, to): a chunk starting exactly at `to` is not included.
        Assert.Single(await Waveforms(store).GetDeviceWaveformsAsync("ecg-1", LeadII, T0, T0.AddSeconds(2), default));

        var byPatient = await Waveforms(store).GetPatientWaveformsAsync("p-1", null, T0, T0.AddSeconds(10), 10, default);
        Assert.Equal(3, byPatient.Count);
        Assert.Equal([LeadII], (await Waveforms(store).GetPatientWaveformsAsync("p-1", LeadII, T0, T0.AddSeconds(10), 1, default)).Select(c => c.Code));
        Assert.Null(Assert.Single(await Waveforms(store).GetDeviceWaveformsAsync("ecg-2", LeadII, T0, T0.AddSeconds(1), default)).PatientId);
        Assert.Equal([1, 2], (await Waveforms(store).GetPatientWaveformsAsync("p-2", LeadI, T0, T0.AddSeconds(1), 10, default)).Select(c => c.Channel));
    }

    [Fact]
    public async Task The_latest_chunk_start_of_each_device_that_sent_a_code_since_a_time_comes_back_in_device_order()
    {
        var store = await OpenAsync();
        await Waveforms(store).AppendWaveformsAsync(
        [
            Chunk("belt-2", "p-1", LeadI, T0.AddSeconds(5), 1),
            Chunk("belt-2", "p-1", LeadI, T0.AddSeconds(10), 1),
            Chunk("belt-2", "p-1", LeadI, T0.AddSeconds(10), 1) with { Channel = 2 },
            Chunk("belt-1", null, LeadI, T0.AddSeconds(7.5), 1),
            Chunk("belt-1", null, LeadII, T0.AddSeconds(20), 1), // another code: not counted
            Chunk("belt-3", "p-3", LeadI, T0.AddSeconds(2), 1), // before `since`
        ], default);
        store = await ReopenAsync(store);

        var latest = await Waveforms(store).GetLatestWaveformStartsAsync(LeadI, T0.AddSeconds(5), default);

        Assert.Equal([("belt-1", T0.AddSeconds(7.5)), ("belt-2", T0.AddSeconds(10))], latest);
        Assert.Empty(await Waveforms(store).GetLatestWaveformStartsAsync(LeadI, T0.AddSeconds(10.001), default));
    }

    [Fact]
    public async Task A_devices_latest_chunk_of_a_code_before_a_time_comes_back_however_long_ago()
    {
        var store = await OpenAsync();
        await Waveforms(store).AppendWaveformsAsync(
        [
            Chunk("belt-1", "p-1", LeadI, T0.AddDays(-3), 1),
            Chunk("belt-1", "p-1", LeadI, T0.AddHours(-2), 1, 2) with { Channel = 2 },
            Chunk("belt-1", "p-1", LeadI, T0.AddHours(-2), 1, 2, 3),
            Chunk("belt-1", "p-1", LeadI, T0.AddHours(-1), 1, 2, 3) with { Channel = 1 }, // no channel 0 at that start
            Chunk("belt-1", "p-1", LeadI, T0, 1), // not before T0
            Chunk("belt-1", "p-1", LeadII, T0.AddMinutes(-1), 1), // another code
            Chunk("belt-2", "p-1", LeadI, T0.AddMinutes(-1), 1), // another device
        ], default);
        store = await ReopenAsync(store);

        var latest = await Waveforms(store).GetLatestDeviceWaveformBeforeAsync("belt-1", LeadI, T0, default);
        Assert.NotNull(latest);
        Assert.Equal((T0.AddHours(-2), 0, 3), (latest.Start, latest.Channel, latest.Samples.Length));
        Assert.Equal(T0.AddDays(-3), (await Waveforms(store).GetLatestDeviceWaveformBeforeAsync("belt-1", LeadI, T0.AddHours(-2), default))?.Start);
        Assert.Null(await Waveforms(store).GetLatestDeviceWaveformBeforeAsync("belt-1", LeadI, T0.AddDays(-3), default));
        Assert.Null(await Waveforms(store).GetLatestDeviceWaveformBeforeAsync("belt-3", LeadI, T0, default));
    }

    [Fact]
    public async Task A_devices_chunk_spans_of_a_code_come_back_in_start_order_from_channel_0_without_samples()
    {
        var store = await OpenAsync();
        await Waveforms(store).AppendWaveformsAsync(
        [
            Chunk("belt-1", "p-1", LeadI, T0.AddSeconds(4), 1, 2) with { SampleRateHz = 2 },
            Chunk("belt-1", "p-1", LeadI, T0, 1, 2, 3, 4),
            Chunk("belt-1", "p-1", LeadI, T0, 1) with { Channel = 1 }, // not channel 0
            Chunk("belt-1", "p-1", LeadI, T0.AddSeconds(10), 1), // not before `to`
            Chunk("belt-1", "p-1", LeadI, T0.AddSeconds(-1), 1), // before `from`
            Chunk("belt-1", "p-1", LeadII, T0.AddSeconds(2), 1), // another code
            Chunk("belt-2", "p-1", LeadI, T0.AddSeconds(2), 1), // another device
        ], default);
        store = await ReopenAsync(store);

        var spans = await Waveforms(store).GetDeviceWaveformSpansAsync("belt-1", LeadI, T0, T0.AddSeconds(10), default);

        Assert.Equal([new WaveformSpan(T0, 250, 4), new WaveformSpan(T0.AddSeconds(4), 2, 2)], spans);
        Assert.Equal(T0.AddSeconds(5), spans[1].End);
        Assert.Empty(await Waveforms(store).GetDeviceWaveformSpansAsync("belt-3", LeadI, T0, T0.AddSeconds(10), default));
    }

    private static void AssertSameChunk(WaveformChunk expected, WaveformChunk actual)
    {
        Assert.Equal(expected.DeviceId, actual.DeviceId);
        Assert.Equal(expected.PatientId, actual.PatientId);
        Assert.Equal(expected.Code, actual.Code);
        Assert.Equal(expected.Channel, actual.Channel);
        Assert.Equal(expected.Start, actual.Start);
        Assert.Equal(expected.SampleRateHz, actual.SampleRateHz);
        Assert.Equal(expected.Gain, actual.Gain);
        Assert.Equal(expected.Offset, actual.Offset);
        Assert.Equal(expected.Unit, actual.Unit);
        Assert.Equal(expected.Samples.ToArray(), actual.Samples.ToArray());
    }
}
