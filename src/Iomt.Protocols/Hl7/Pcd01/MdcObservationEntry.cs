using Iomt.Core.Measurements;

namespace Iomt.Protocols.Hl7.Pcd01;

/// <summary>
/// A supported IEEE 11073-10101 metric: its context-free MDC code, reference id, the code the platform stores
/// (LOINC where one is established, else the MDC code) and the FHIR vital-signs code when that differs.
/// </summary>
public sealed record MdcObservationEntry(int Mdc, string RefId, ObservationCode Code, ObservationCode? VitalSignCode = null);
