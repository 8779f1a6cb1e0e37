using Iomt.Core.Measurements;

namespace Iomt.Protocols.Hl7.Pcd01;

/// <summary>
/// One numeric OBX row of a PCD-01 message as a <see cref="Measurement"/>, with the PCD-01 details the
/// measurement does not carry: MDC codes, containment (OBX-4) and where it was in the message.
/// </summary>
public sealed record Pcd01Observation
{
    /// <summary>The measurement (DeviceTime in UTC; ReceivedTime left for the transport to set).</summary>
    public required Measurement Measurement { get; init; }

    /// <summary>The MDC code from OBX-3.</summary>
    public required int Mdc { get; init; }

    /// <summary>The MDC reference id of the supported table.</summary>
    public required string MdcRefId { get; init; }

    /// <summary>The MDC unit code of OBX-6, or null when the unit was sent as UCUM.</summary>
    public int? MdcUnit { get; init; }

    /// <summary>FHIR vital-signs code when it differs from the stored code.</summary>
    public ObservationCode? VitalSignCode { get; init; }

    /// <summary>OBX-4 containment id (MDS.VMD.CHAN.METRIC), as sent.</summary>
    public required string Containment { get; init; }

    /// <summary>Occurrence of the OBX in the message (1-based), the suffix of the message id.</summary>
    public required int ObxSequence { get; init; }

    /// <summary>False when the time had no UTC offset and the configured default was applied.</summary>
    public bool TimeHasUtcOffset { get; init; } = true;
}
