using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;

namespace Iomt.Server.Detection;

/// <summary>Which catalogue codes are analysed, and by which detector.</summary>
internal static class StreamDetectors
{
    private static readonly ObservationCode Cgm = CodeOf("glucose-cgm");
    private static readonly ObservationCode RrInterval = CodeOf("rr-interval");

    /// <summary>True for the codes a detector consumes (CGM glucose, RR intervals).</summary>
    public static bool IsAnalysed(ObservationCode code) => code == Cgm || code == RrInterval;

    /// <summary>A fresh detector for an analysed stream.</summary>
    public static IStreamDetector Create(StreamKey key) => key.Code == Cgm ? new GlucoseStreamDetector(key) : new RrStreamDetector(key);

    private static ObservationCode CodeOf(string name) =>
        VitalSignCatalogue.Default.TryGetByName(name, out var type) ? type.Code : throw new InvalidOperationException($"'{name}' is not in the catalogue");
}
