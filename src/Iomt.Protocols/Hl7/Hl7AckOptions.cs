namespace Iomt.Protocols.Hl7;

/// <summary>How the platform names itself in acknowledgements.</summary>
public sealed record Hl7AckOptions
{
    /// <summary>MSH-3 when the request left its MSH-5 empty (or had no MSH).</summary>
    public string ApplicationName { get; init; } = "OpenIoMT";

    /// <summary>MSH-4 when the request had no MSH at all (otherwise request MSH-6 is echoed, even when empty).</summary>
    public string FacilityName { get; init; } = "";

    /// <summary>MSH-12 of the acknowledgement.</summary>
    public string Version { get; init; } = "2.6";
}
