using Iomt.Server.Detection;
using Iomt.Storage;

namespace Iomt.Server.Waveforms;

/// <summary>
/// The AF episode changes found for one device, in onset order, whichever patient wore it: what was announced and what
/// was held back. A change that repeats the change before it (an <c>af_started</c> after an <c>af_started</c>, for the
/// same patient) is held back: a run that begins cold inside an episode (after a hole in a backlog, a backlog piece sent
/// newest first or shuffled, a run rebuilt for a late chunk that moves the onset) finds the episode begin again, which
/// announced a second episode where there is one. After another patient's change it is not a repeat: the episode the
/// device's runs follow is the device's, and that patient was never told. Nor is a start seen to begin, by a run that
/// labelled an interval non-AF before it: that run saw the rhythm change, so an end was lost before it (an event write
/// that failed, a hole whose time held the end), and the episode is a new one. A held-back change is announced later when a
/// change found before it makes it one again (a hole filled later holds the episode's end: the start after the hole is
/// a new episode after all). A change found again at the same onset is passed on when it was announced (the store keeps
/// it once) and held back when it was not. What was announced before this object existed (a previous process) comes
/// from the store (<see cref="Knows"/>, <see cref="Recall"/>).
/// </summary>
internal sealed class AfAnnouncements
{
    // Changes kept; an earlier change, beyond them, is compared with nothing and announced.
    private const int Kept = 256;

    private readonly List<Change> _changes = [];
    private readonly HashSet<string> _patients = new(StringComparer.Ordinal);

    /// <summary>True when the changes stored for <paramref name="patient"/> were recalled, or some were found since.</summary>
    public bool Knows(string patient) => _patients.Contains(patient);

    /// <summary>
    /// Takes <paramref name="stored"/>, the AF changes stored for <paramref name="patient"/> before (e.g. by the process
    /// before a restart), as announced, among the changes found since.
    /// </summary>
    public void Recall(string patient, IEnumerable<DetectionEvent> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        _patients.Add(patient);
        foreach (var e in stored.Where(e => e.PatientId == patient && AfEventKinds.IsAfChange(e.Kind)).OrderBy(e => e.OnsetTime))
        {
            var change = new Change(e) { Announced = true };
            if (!_changes.Exists(c => c.Same(change)))
            {
                _changes.Insert(_changes.FindLastIndex(c => c.Event.OnsetTime <= e.OnsetTime) + 1, change);
            }
        }

        Trim();
    }

    /// <summary>
    /// Of <paramref name="raised"/>, the events to store: every event that is not an AF change, the AF changes that do not
    /// repeat the change before them, and the changes held back earlier that the new ones made changes again.
    /// </summary>
    public List<DetectionEvent> Announce(IEnumerable<DetectionEvent> raised) => Announce(raised, _ => false);

    /// <summary>
    /// As <see cref="Announce(IEnumerable{DetectionEvent})"/>, where the changes <paramref name="seenToBegin"/> accepts
    /// are never repeats (starts found by a run that labelled an interval non-AF before them).
    /// </summary>
    public List<DetectionEvent> Announce(IEnumerable<DetectionEvent> raised, Func<DetectionEvent, bool> seenToBegin)
    {
        ArgumentNullException.ThrowIfNull(raised);
        ArgumentNullException.ThrowIfNull(seenToBegin);
        var announced = new List<DetectionEvent>();
        foreach (var e in raised.OrderBy(e => e.OnsetTime))
        {
            if (!AfEventKinds.IsAfChange(e.Kind))
            {
                announced.Add(e);
                continue;
            }

            _patients.Add(e.PatientId);
            var change = new Change(e);
            var before = _changes.FindLastIndex(c => c.Event.OnsetTime <= e.OnsetTime);
            if (before >= 0 && _changes[before].Same(change))
            {
                if (!_changes[before].Announced && seenToBegin(e))
                {
                    _changes[before].Announced = true;
                }

                if (_changes[before].Announced)
                {
                    // With the change after it, if this one made it a change: a request whose events could not be stored
                    // is analysed again when resent, and finds this one again, not that one.
                    announced.Add(e);
                    if (before + 1 < _changes.Count && _changes[before + 1] is { Announced: true } after && !after.Repeats(change))
                    {
                        announced.Add(after.Event);
                    }
                }

                continue;
            }

            change.Announced = before < 0 || !change.Repeats(_changes[before]) || seenToBegin(e);
            _changes.Insert(before + 1, change);
            if (change.Announced)
            {
                announced.Add(e);
            }

            // The change after it now follows this one: held back as a repeat of the one before, it may be a change now.
            if (before + 2 < _changes.Count && _changes[before + 2] is { Announced: false } next && !next.Repeats(change))
            {
                next.Announced = true;
                announced.Add(next.Event);
            }

            Trim();
        }

        return [.. announced.Distinct()];
    }

    private void Trim()
    {
        while (_changes.Count > Kept)
        {
            _changes.RemoveAt(0);
        }
    }

    private sealed class Change(DetectionEvent e)
    {
        public DetectionEvent Event { get; } = e;

        public bool Announced { get; set; }

        // The same state for the same patient as `other`.
        public bool Repeats(Change other) => Event.Kind == other.Event.Kind && Event.PatientId == other.Event.PatientId;

        // The same change found again.
        public bool Same(Change other) => Repeats(other) && Event.OnsetTime == other.Event.OnsetTime;
    }
}
