namespace Iomt.Clinical.Glucose;

/// <summary>An alert and the time it would have been raised in real time (a reading's time, or a stale deadline).</summary>
/// <param name="Time">The reading at which the alert is raised; for <see cref="GlucoseAlertKind.Stale"/> the moment the data became stale.</param>
/// <param name="Kind">Which alert.</param>
public readonly record struct GlucoseAlert(DateTimeOffset Time, GlucoseAlertKind Kind);
