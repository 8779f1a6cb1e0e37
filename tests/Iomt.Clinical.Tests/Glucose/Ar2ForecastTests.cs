using Iomt.Clinical.Glucose;

namespace Iomt.Clinical.Tests.Glucose;

public class Ar2ForecastTests
{
    // clinical-reference §7.4 test vectors: prev (−5 min), now, predictions +5…+30, avgLoss, level.
    [Theory]
    [InlineData(100, 105, new double[] { 109, 112, 115, 117, 118, 120 }, 0.00063, Ar2AlarmLevel.None)]
    [InlineData(150, 170, new double[] { 186, 198, 206, 212, 216, 218 }, 0.06642, Ar2AlarmLevel.Warn)]
    [InlineData(140, 200, new double[] { 258, 309, 350, 381, 400, 400 }, 0.25878, Ar2AlarmLevel.Urgent)]
    [InlineData(90, 80, new double[] { 74, 70, 68, 66, 66, 66 }, 0.07239, Ar2AlarmLevel.Warn)]
    [InlineData(90, 83, new double[] { 79, 76, 74, 73, 73, 73 }, 0.05123, Ar2AlarmLevel.Warn)]
    [InlineData(120, 85, new double[] { 66, 56, 50, 46, 44, 43 }, 0.17669, Ar2AlarmLevel.Urgent)]
    [InlineData(120, 120, new double[] { 120, 120, 121, 121, 121, 122 }, 0.00002, Ar2AlarmLevel.None)]
    [InlineData(70, 65, new double[] { 62, 60, 59, 59, 59, 60 }, 0.10974, Ar2AlarmLevel.Urgent)]
    public void Matches_the_reference_test_vectors(double previous, double now, double[] expected, double loss, Ar2AlarmLevel level)
    {
        var predictions = new double[Ar2Forecast.Steps];
        Ar2Forecast.Predict(previous, now, predictions);

        Assert.Equal(expected, predictions);
        var averageLoss = Ar2Forecast.AverageLoss(predictions);
        Assert.Equal(loss, averageLoss, 0.000006);
        Assert.Equal(level, Ar2Forecast.Level(averageLoss));
    }

    [Theory]
    [InlineData(150, 170, Ar2EventType.High)]
    [InlineData(140, 200, Ar2EventType.High)]
    [InlineData(90, 80, Ar2EventType.Low)]
    [InlineData(120, 85, Ar2EventType.Low)]
    [InlineData(100, 105, Ar2EventType.General)]
    public void Event_type_follows_the_twenty_minute_prediction(double previous, double now, Ar2EventType expected)
    {
        Assert.Equal(expected, Ar2Forecast.EventType(Ar2Forecast.Predict20(previous, now)));
    }

    [Fact]
    public void Forecast_drifts_towards_140_from_a_flat_trace()
    {
        Assert.True(Ar2Forecast.Predict20(100, 100) > 100);
        Assert.Equal(140, Ar2Forecast.Predict20(140, 140));
    }

    [Fact]
    public void Cone_matches_the_reference_first_and_last_steps()
    {
        var lower = new double[Ar2Forecast.ConeSteps];
        var upper = new double[Ar2Forecast.ConeSteps];
        Ar2Forecast.Cone(100, 105, 2, lower, upper);

        Assert.Equal((105d, 113d), (lower[0], upper[0]));
        Assert.Equal((84d, 187d), (lower[12], upper[12]));
    }
}
