namespace Iomt.Clinical.Falls.SisFall;

/// <summary>One SisFall trial file: <c>&lt;activity&gt;_&lt;subject&gt;_R&lt;nn&gt;</c>, a fall if the activity code starts with F.</summary>
public sealed record SisFallRecording(string Subject, string Activity, string Path)
{
    /// <summary>True for fall trials (F01–F15), false for activities of daily living (D01–D19).</summary>
    public bool IsFall => Activity.StartsWith('F');

    /// <summary>True for the elderly subjects (SE..), false for the young adults (SA..).</summary>
    public bool IsElderly => IsElderlySubject(Subject);

    /// <summary>True for an elderly subject's code (SE..), false for a young adult's (SA..).</summary>
    public static bool IsElderlySubject(string subject) => subject?.StartsWith("SE", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>File name without extension.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);
}
