using Iomt.Clinical.Ecg.Af;

namespace Iomt.Clinical.Tests.Ecg;

public sealed class AfEpisodeTrackerTests
{
    // One decision per second with the given labels; returns (time, started?, onset) for every change.
    private static List<(double Time, bool Started, double Onset)> Run(AfEpisodeTracker tracker, IEnumerable<bool> labels)
    {
        var changes = new List<(double, bool, double)>();
        var t = 0.0;
        foreach (var af in labels)
        {
            t += 1;
            if (tracker.Add(new AfDecision((long)t, t, af)) is { } onset)
            {
                changes.Add((t, tracker.InEpisode, onset));
            }
        }

        return changes;
    }

    private static IEnumerable<bool> Labels(params (bool Af, int Seconds)[] runs) => runs.SelectMany(r => Enumerable.Repeat(r.Af, r.Seconds));

    [Fact]
    public void An_episode_starts_after_30_s_of_af_and_ends_after_30_s_without_with_the_onset_of_each_run()
    {
        var changes = Run(new AfEpisodeTracker(), Labels((false, 60), (true, 100), (false, 60)));

        // AF from the interval starting at t = 60 (decisions 61..160): raised at 90 with onset 60.
        // Non-AF from the interval starting at 160: raised at 190 with onset 160.
        Assert.Equal([(90.0, true, 60.0), (190.0, false, 160.0)], changes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_gap_in_the_recording_counts_neither_as_af_nor_as_its_absence_once_interrupted(bool interrupt)
    {
        // In an episode; the recording stops at t = 100 and goes on at t = 400 with non-AF labels.
        var tracker = new AfEpisodeTracker();
        Assert.Equal([(31.0, true, 1.0)], Run(tracker, Labels((true, 100))));
        if (interrupt)
        {
            tracker.Interrupt();
        }

        var after = new List<(double Time, double Onset)>();
        for (var t = 400.0; t < 440; t++)
        {
            if (tracker.Add(new AfDecision((long)t, t, false)) is { } onset)
            {
                after.Add((t, onset));
            }
        }

        // Interrupted: the episode ends after 30 s of non-AF labels from the first interval after the gap (at 430,
        // onset 400). Not interrupted, the first interval would span the 300-s gap and end it at once, with its onset
        // back at the last beat before the gap.
        Assert.Equal(interrupt ? [(430.0, 400.0)] : [(400.0, 100.0)], after);
    }

    [Fact]
    public void Af_runs_split_by_30_s_of_sinus_rhythm_never_add_up()
    {
        var tracker = new AfEpisodeTracker();

        var changes = Run(tracker, Labels((false, 20), (true, 29), (false, 30), (true, 29), (false, 40)));

        Assert.Empty(changes);
        Assert.False(tracker.InEpisode);
    }

    [Fact]
    public void Flickering_labels_at_an_onset_add_up_to_one_episode_from_the_first_af_interval()
    {
        // As the ECG detector labels MIT-BIH 202 around 1140-1250 s: AF runs of 23 and 27 s split by short breaks.
        var changes = Run(new AfEpisodeTracker(), Labels((false, 60), (true, 23), (false, 12), (true, 27), (false, 4), (true, 100)));

        // 23 s of AF by t = 83, then 7 more from t = 96: 30 s at t = 102, onset at the first AF interval (60).
        Assert.Equal([(102.0, true, 60.0)], changes);
    }

    [Fact]
    public void A_short_break_inside_an_episode_does_not_end_it()
    {
        var changes = Run(new AfEpisodeTracker(), Labels((true, 40), (false, 20), (true, 40), (false, 31)));

        // The first decision has no previous beat: its run starts at its own time.
        Assert.Equal([(31.0, true, 1.0), (130.0, false, 100.0)], changes);
    }
}
