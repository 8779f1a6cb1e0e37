using Iomt.Server.Detection;
using Iomt.Storage;

namespace Iomt.Server.Waveforms;

/// <summary>
/// The AF episode changes found for one device, per patient, in onset order: what was announced and what was held back.
/// A change that repeats the state the change before it set (an <c>af_started</c> after an <c>af_started</c>) is held
/// back: a run that begins cold inside an episode (after a hole in a backlog, a backlog piece sent newest first or
/// shuffled, a run rebuilt for a late chunk that moves the onset) finds the episode begin again, which announced a second
/// episode where there is one. A held-back change is announced later when a change found before it makes it one again (a
/// hole filled later holds the episode's end: the start after the hole is a new episode after all). A change found again
/// at the same onset is passed on when it was announced (the store keeps it once) and held back when it was not. What
/// was announced before this object existed (a previous process) comes from the store (<see cref="Knows"/>,
/// <see cref="Recall"/>).
/// </summary>
internal sealed class AfAnnouncements
{
    // Changes kept per patient; an earlier change, beyond them, is compared with nothing and announced.
    private const int Kept = 256;

    private readonly Dictionary<string, List<Change>> _byPatient = new(StringComparer.Ordinal);

    /// <summary>True when the changes announced for <paramref name="patient"/> before were recalled, or some were found since.</summary>
    public bool Knows(string patient) => _byPatient.ContainsKey(patient);

    /// <summary>
    /// Takes <paramref name="stored"/>, the AF changes stored for <paramref name="patient"/> before (e.g. by the process
    /// before a restart), as announced, under the changes found since.
    /// </summary>
    public void Recall(string patient, IEnumerable<DetectionEvent> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var changes = Changes(patient);
        foreach (var e in stored.Where(e => e.Kind is AfEventKinds.Started or AfEventKinds.Ended).OrderBy(e => e.OnsetTime))
        {
            var started = e.Kind == AfEventKinds.Started;
            if (!changes.Exists(c => c.Event.OnsetTime == e.OnsetTime && c.Started == started))
            {
                changes.Insert(changes.FindLastIndex(c => c.Event.OnsetTime <= e.OnsetTime) + 1, new Change(e, started) { Announced = true });
            }
        }

        while (changes.Count > Kept)
        {
            changes.RemoveAt(0);
        }
    }

    /// <summary>
    /// Of <paramref name="raised"/>, the events to store: every event that is not an AF change, the AF changes that change
    /// the state before them, and the changes held back earlier that the new ones made changes again.
    /// </summary>
    public List<DetectionEvent> Announce(IEnumerable<DetectionEvent> raised)
    {
        ArgumentNullException.ThrowIfNull(raised);
        var announced = new List<DetectionEvent>();
        foreach (var e in raised.OrderBy(e => e.OnsetTime))
        {
            if (e.Kind is not (AfEventKinds.Started or AfEventKinds.Ended))
            {
                announced.Add(e);
                continue;
            }

            var changes = Changes(e.PatientId);
            var started = e.Kind == AfEventKinds.Started;
            var before = changes.FindLastIndex(c => c.Event.OnsetTime <= e.OnsetTime);
            if (before >= 0 && changes[before].Event.OnsetTime == e.OnsetTime && changes[before].Started == started)
            {
                if (changes[before].Announced)
                {
                    // With the change after it, if this one made it a change: a request whose events could not be stored
                    // is analysed again when resent, and finds this one again, not that one.
                    announced.Add(e);
                    if (before + 1 < changes.Count && changes[before + 1] is { Announced: true } after && after.Started != started)
                    {
                        announced.Add(after.Event);
                    }
                }

                continue;
            }

            var change = new Change(e, started) { Announced = before < 0 || changes[before].Started != started };
            changes.Insert(before + 1, change);
            if (change.Announced)
            {
                announced.Add(e);
            }

            // The change after it now follows this one: held back as a repeat of the one before, it may be a change now.
            if (before + 2 < changes.Count && changes[before + 2] is { Announced: false } next && next.Started != started)
            {
                next.Announced = true;
                announced.Add(next.Event);
            }

            if (changes.Count > Kept)
            {
                changes.RemoveAt(0);
            }
        }

        return [.. announced.Distinct()];
    }

    private List<Change> Changes(string patient)
    {
        if (!_byPatient.TryGetValue(patient, out var changes))
        {
            _byPatient[patient] = changes = [];
        }

        return changes;
    }

    private sealed class Change(DetectionEvent e, bool started)
    {
        public DetectionEvent Event { get; } = e;

        public bool Started { get; } = started;

        public bool Announced { get; set; }
    }
}
