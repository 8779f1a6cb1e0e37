namespace Iomt.Server.Detection;

/// <summary>The kinds of the events that announce an AF episode, from RR intervals sent by a device or found in an ECG.</summary>
internal static class AfEventKinds
{
    /// <summary>An episode began at the event's onset.</summary>
    public const string Started = "af_started";

    /// <summary>An episode ended at the event's onset.</summary>
    public const string Ended = "af_ended";

    /// <summary><see cref="Started"/> when <paramref name="started"/>, else <see cref="Ended"/>.</summary>
    public static string Of(bool started) => started ? Started : Ended;

    /// <summary>True for <see cref="Started"/> and <see cref="Ended"/>.</summary>
    public static bool IsAfChange(string kind) => kind is Started or Ended;
}
