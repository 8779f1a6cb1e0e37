using Iomt.Core.Measurements;

namespace Iomt.Server.Detection;

/// <summary>One analysed series: a patient's readings of one code from one device (two straps never mix their beats).</summary>
internal readonly record struct StreamKey(string PatientId, string DeviceId, ObservationCode Code);
