using Iomt.Protocols.Mllp;

namespace Iomt.Server.Transports.Mllp;

/// <summary>Settings of the HL7 v2 MLLP listener (bound from configuration section "Mllp" / IOMT_MLLP__*).</summary>
public sealed class MllpOptions
{
    /// <summary>TCP port; 2575 is the IANA port registered for HL7 over MLLP. 0 picks a free port (not with "localhost").</summary>
    public int Port { get; set; } = 2575;

    /// <summary>"localhost" (IPv4 and IPv6 loopback), "any" (all interfaces), or an IP address.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Largest message accepted; a larger frame is answered with AR and the connection is closed.</summary>
    public int MaxFrameBytes { get; set; } = MllpFrameReader.DefaultMaxFrameSize;

    /// <summary>MSH-3 of acknowledgements when the request's MSH-5 is empty.</summary>
    public string ApplicationName { get; set; } = "OpenIoMT";

    /// <summary>MSH-4 of acknowledgements to messages without an MSH.</summary>
    public string FacilityName { get; set; } = "";

    /// <summary>Patient identifier system: PID-3 assigning authority (CX.4) to select; null takes the first repetition.</summary>
    public string? PatientIdentifierAuthority { get; set; }

    /// <summary>Patient identifier type code (CX.5, e.g. "MR") to select; null accepts any.</summary>
    public string? PatientIdentifierType { get; set; }

    /// <summary>UTC offset applied to device times sent without one.</summary>
    public TimeSpan DefaultUtcOffset { get; set; } = TimeSpan.Zero;
}
