using Iomt.Clinical.Ecg.Hrv;

namespace Iomt.Clinical.Tests.Ecg;

public sealed class HrvCalculatorTests
{
    [Fact]
    public void Computes_sdnn_rmssd_and_pnn50_by_the_task_force_definitions()
    {
        var hrv = HrvCalculator.Compute([0.8, 0.9, 0.8, 0.9]);

        Assert.NotNull(hrv);
        Assert.Equal(4, hrv.NnCount);
        Assert.Equal(60 / 0.85, hrv.MeanHeartRateBpm, 6);
        Assert.Equal(1000 * Math.Sqrt(4 * 0.05 * 0.05 / 3), hrv.SdnnMs, 6);
        Assert.Equal(100, hrv.RmssdMs, 6);
        Assert.Equal(100, hrv.Pnn50Percent, 6);
    }

    [Fact]
    public void Leaves_out_ectopic_intervals_and_the_pairs_they_break()
    {
        var hrv = HrvCalculator.Compute([0.80, 0.82, 0.50, 1.10, 0.81, 0.80]);

        Assert.NotNull(hrv);
        Assert.Equal(4, hrv.NnCount); // 0.50 and 1.10 are not NN
        Assert.Equal(0, hrv.Pnn50Percent);
        Assert.Equal(1000 * Math.Sqrt(((0.02 * 0.02) + (0.01 * 0.01)) / 2), hrv.RmssdMs, 6);
    }
}
