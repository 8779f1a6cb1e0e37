using System.Collections.Immutable;
using Iomt.Core.Measurements;

namespace Iomt.Core.Catalogue;

/// <summary>
/// A kind of measurement the platform knows: its code, canonical UCUM unit, the other units it accepts
/// (converted on ingestion) and the plausible range outside which a value is impossible, not merely
/// abnormal (clinical-reference §11.1). Panels list their component codes instead of a range.
/// </summary>
public sealed record VitalSignType
{
    /// <summary>Short stable name, e.g. "heart-rate".</summary>
    public required string Name { get; init; }

    /// <summary>The code readings of this type carry.</summary>
    public required ObservationCode Code { get; init; }

    /// <summary>Human-readable name of the code.</summary>
    public required string Display { get; init; }

    /// <summary>Canonical UCUM unit; empty for panels.</summary>
    public string CanonicalUnit { get; init; } = "";

    /// <summary>Other units accepted and converted to <see cref="CanonicalUnit"/>.</summary>
    public ImmutableArray<string> AcceptedUnits { get; init; } = [];

    /// <summary>Lowest plausible value in the canonical unit (inclusive).</summary>
    public double Min { get; init; }

    /// <summary>Highest plausible value in the canonical unit (inclusive).</summary>
    public double Max { get; init; }

    /// <summary>For panels: the component codes that may appear; empty for scalars.</summary>
    public ImmutableArray<ObservationCode> ComponentCodes { get; init; } = [];

    /// <summary>For panels: the component codes that must appear.</summary>
    public ImmutableArray<ObservationCode> RequiredComponents { get; init; } = [];

    /// <summary>True for a panel type (value in components).</summary>
    public bool IsPanel => !ComponentCodes.IsDefaultOrEmpty;

    /// <summary>True when <paramref name="unit"/> (normalised) is canonical or accepted.</summary>
    public bool Accepts(string unit) => unit == CanonicalUnit || AcceptedUnits.Contains(unit);
}
