namespace Iomt.Core.Waveforms;

/// <summary>
/// Raw sample values that stand for the SampledData markers (FHIR R4 SampledData.data: "E" error /
/// no valid data, "L" below the lower limit, "U" above the upper limit). They lie outside any real
/// device's integer range, so consumers must test for them before scaling.
/// </summary>
public static class SampledDataMarkers
{
    /// <summary>"E": no valid measurement at this point.</summary>
    public const int Error = int.MinValue;

    /// <summary>"L": below the lower limit of detection.</summary>
    public const int BelowLowerLimit = int.MinValue + 1;

    /// <summary>"U": above the upper limit of detection.</summary>
    public const int AboveUpperLimit = int.MaxValue;

    /// <summary>True when <paramref name="sample"/> is one of the markers.</summary>
    public static bool IsMarker(int sample) => sample is Error or BelowLowerLimit or AboveUpperLimit;
}
