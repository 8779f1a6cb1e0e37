using Iomt.Clinical.Glucose;
using Iomt.Clinical.Glucose.Evaluation;
using Iomt.TestSupport;

namespace Iomt.Clinical.Tests.Glucose;

/// <summary>Regression on the 12 AZT1D developer patients (shared/data/cgm): the figures measured when committed.</summary>
public class CgmRegressionTests
{
    private static readonly string[] Patients =
        ["S02", "S03", "S04", "S05", "S10", "S15", "S16", "S17", "S18", "S19", "S24", "S25"];

    private static List<PatientTrace> Load()
    {
        var traces = new List<PatientTrace>();
        foreach (var patient in Patients)
        {
            var path = SharedData.PathOf("cgm", $"AZT1D_{patient}.csv");
            using var text = new StreamReader(path);
            var reader = GlucoseCsvReader.Open(text, out var headerError) ?? throw new InvalidDataException(headerError!.Describe(path));
            var readings = new List<GlucoseReading>();
            GlucoseCsvRow row;
            GlucoseCsvError? error;
            while (reader.TryRead(out row, out error))
            {
                readings.Add(row.Reading);
            }

            Assert.Null(error);
            traces.Add(PatientTrace.From(patient, [.. readings]));
        }

        return traces;
    }

    private static UrgentLowSoonScore Total(IEnumerable<PatientTrace> traces, Func<IUrgentLowSoonDetector> detector) =>
        traces.Aggregate(UrgentLowSoonScore.Empty, (total, t) => total.Add(t.Score(detector())));

    [Fact]
    public void Finds_the_83_episodes_and_reproduces_the_published_ar2_reference()
    {
        var traces = Load();

        var ar2 = Total(traces, () => new Ar2UrgentLowSoonDetector());

        // README: 83 episodes; AR2 34 caught early, median lead 15 min, 169 false, 494.8 days with data.
        Assert.Equal([2, 6, 0, 17, 6, 23, 2, 8, 1, 5, 8, 5], traces.Select(t => t.Episodes.Count));
        Assert.Equal((83, 34, 15.0), (ar2.Episodes, ar2.CaughtEarly, ar2.MedianLeadMinutes));
        Assert.Equal(169, ar2.FalseAlerts);
        Assert.Equal(494.8, ar2.Days, 0.05);
    }

    [Fact]
    public void Catches_more_episodes_than_ar2_with_fewer_false_alerts()
    {
        var traces = Load();

        var ours = Total(traces, () => new UrgentLowSoonForecaster());
        var ar2 = Total(traces, () => new Ar2UrgentLowSoonDetector());

        Assert.True(ours.CaughtEarly >= OursCaughtFloor, $"caught {ours.CaughtEarly}");
        Assert.True(ours.FalseAlerts <= OursFalseCeiling, $"false {ours.FalseAlerts}");
        Assert.True(ours.CaughtEarly > ar2.CaughtEarly && ours.FalseAlerts <= ar2.FalseAlerts);
    }

    [Fact]
    public void The_monitor_raises_exactly_the_alerts_that_are_scored()
    {
        var trace = Load().Single(t => t.Name == "S05");
        var detector = new UrgentLowSoonForecaster();
        var scored = trace.Readings.Where(detector.Process).Select(r => r.Time).ToList();

        var monitor = new GlucoseMonitor();
        var buffer = new GlucoseAlert[GlucoseMonitor.MaxAlertsPerReading];
        var raised = new List<DateTimeOffset>();
        foreach (var reading in trace.Readings)
        {
            var count = monitor.Process(reading, buffer);
            raised.AddRange(buffer.Take(count).Where(a => a.Kind == GlucoseAlertKind.UrgentLowSoon).Select(a => a.Time));
        }

        Assert.NotEmpty(scored);
        Assert.Equal(scored, raised);
    }

    // Measured at commit time with the default settings (docs/validation/glucose.md).
    private const int OursCaughtFloor = 42; // measured 43 of 83
    private const int OursFalseCeiling = 123; // measured 121 (0.245 per patient-day)
}
