using Iomt.Server.Waveforms;
using Iomt.Storage;

namespace Iomt.Server.Tests.Waveforms;

public sealed class AfAnnouncementsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static DetectionEvent Af(bool started, double onsetS, string patient = "p-1") =>
        new(patient, "holter-1", started ? "af_started" : "af_ended", T0.AddSeconds(onsetS), T0.AddSeconds(onsetS + 30), 0);

    [Fact]
    public void A_change_that_repeats_the_state_before_it_is_held_back_and_a_change_found_before_it_releases_it()
    {
        var changes = new AfAnnouncements();

        // Runs begun cold inside one episode (after holes in a backlog) each find it begin.
        Assert.Equal([Af(true, 11)], changes.Announce([Af(true, 11)]));
        Assert.Empty(changes.Announce([Af(true, 111), Af(true, 210)]));
        Assert.Equal([Af(false, 383)], changes.Announce([Af(false, 383)]));

        // A hole filled later holds an end at 150 s: the start found at 210 s, held back, is a new episode after all.
        Assert.Equal([Af(false, 150), Af(true, 210)], changes.Announce([Af(false, 150)]));

        // Found again at the same onset (a replay): passed on when announced (the store keeps it once), not when held back.
        Assert.Equal([Af(true, 11)], changes.Announce([Af(true, 11)]));
        Assert.Empty(changes.Announce([Af(true, 111)]));
    }

    [Fact]
    public void Changes_stored_before_a_restart_are_recalled_as_announced()
    {
        var changes = new AfAnnouncements();
        Assert.False(changes.Knows("p-1"));

        changes.Recall("p-1", [Af(true, 11), Af(false, 383), new DetectionEvent("p-1", "holter-1", "fall", T0, T0, 0)]);

        Assert.True(changes.Knows("p-1"));
        Assert.False(changes.Knows("p-2"));
        Assert.Empty(changes.Announce([Af(true, 310)])); // a run begun cold inside the recalled episode
        Assert.Equal([Af(false, 383)], changes.Announce([Af(false, 383)])); // found again: stored once
        Assert.Equal([Af(true, 480)], changes.Announce([Af(true, 480)]));
    }

    [Fact]
    public void An_earlier_onset_of_an_announced_episode_is_announced_and_other_events_are_left_alone()
    {
        var changes = new AfAnnouncements();
        Assert.Equal([Af(true, 200)], changes.Announce([Af(true, 200)]));

        // A backlog shows the episode began earlier: announced (its onset is news), while a later repeat is not.
        Assert.Equal([Af(true, 100)], changes.Announce([Af(true, 300), Af(true, 100)]));

        // Other events pass. Within one call, changes are taken in onset order: the earlier end is announced, the later
        // one repeats it.
        var fall = new DetectionEvent("p-1", "holter-1", "fall", T0, T0, 0);
        Assert.Equal([fall, Af(false, 390)], changes.Announce([Af(false, 400), fall, Af(false, 390)]));
    }

    [Fact]
    public void A_change_after_another_patients_change_is_not_a_repeat()
    {
        // The device is moved from p-1 to p-2 during an episode and back: p-1's next start is a new episode for p-1,
        // though p-1's change before it was a start too (a review found it held back for good while the changes were kept
        // per patient). p-2's start, after p-1's, is news to p-2; a held-back p-1 start after it is released.
        var changes = new AfAnnouncements();
        Assert.Equal([Af(true, 10)], changes.Announce([Af(true, 10)]));
        Assert.Equal([Af(false, 100, "p-2")], changes.Announce([Af(false, 100, "p-2")]));
        Assert.Equal([Af(true, 200)], changes.Announce([Af(true, 200)]));
        Assert.Empty(changes.Announce([Af(true, 300)]));
        Assert.Equal([Af(true, 250, "p-2"), Af(true, 300)], changes.Announce([Af(true, 250, "p-2")]));
    }

    [Fact]
    public void A_start_seen_to_begin_is_never_a_repeat()
    {
        // An end was lost (a failed event write, a hole that held it): the run that labelled intervals non-AF and then saw
        // AF begin is announced, though the change before it is a start too. Without it, the start found by a run begun
        // cold inside the episode is held back; found again by a run that saw it begin, it is released.
        var changes = new AfAnnouncements();
        Assert.Equal([Af(true, 10)], changes.Announce([Af(true, 10)]));
        Assert.Equal([Af(true, 480)], changes.Announce([Af(true, 480)], e => e.OnsetTime == T0.AddSeconds(480)));
        Assert.Empty(changes.Announce([Af(true, 900)]));
        Assert.Equal([Af(true, 900)], changes.Announce([Af(true, 900)], _ => true));
    }
}
