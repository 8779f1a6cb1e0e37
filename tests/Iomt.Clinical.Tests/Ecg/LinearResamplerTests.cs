using Iomt.Clinical.Ecg.Qrs;
using Iomt.Clinical.Ecg.Wfdb;
using Iomt.Clinical.Evaluation;
using Iomt.TestSupport;

namespace Iomt.Clinical.Tests.Ecg;

public sealed class LinearResamplerTests
{
    [Fact]
    public void Interpolates_between_neighbouring_samples_and_keeps_the_time_span()
    {
        float[] ramp = [0, 10, 20, 30, 40];

        var up = LinearResampler.Resample(ramp, 100, 250);
        var down = LinearResampler.Resample(ramp, 100, 50);

        Assert.Equal([0f, 4f, 8f, 12f, 16f, 20f, 24f, 28f, 32f, 36f, 40f], up);
        Assert.Equal([0f, 20f, 40f], down);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(250)]
    public void Qrs_detection_on_a_real_record_survives_resampling(double hz)
    {
        // Record 119 (sinus rhythm with ventricular bigeminy) resampled from 360 Hz; beats mapped back to 360 Hz.
        var path = SharedData.PathOf("mitdb", "119.hea")[..^4];
        var record = WfdbRecordReader.Read(path).Value!;
        var reference = MitAnnotationReader.Read(path + ".atr").Value!.Where(a => a.IsBeat).Select(a => a.Sample).ToArray();

        var beats = BeatDetection.Run(LinearResampler.Resample(record.ToPhysical(0), 360, hz), hz).Select(b => (long)Math.Round(b * 360 / hz)).ToArray();

        var score = BeatMatchScorer.Score(reference, beats, 360);
        Assert.True(score.Sensitivity >= 0.999 && score.PositivePredictivity >= 0.999, score.ToString());
    }
}
