using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Iomt.Protocols.Fhir;

/// <summary>A value, or the issues that prevented it; FHIR codecs return this instead of throwing on bad input.</summary>
public readonly struct FhirResult<T>
{
    private readonly T? _value;

    private FhirResult(T? value, ImmutableArray<FhirIssue> issues)
    {
        _value = value;
        Issues = issues.IsDefault ? [] : issues;
    }

    /// <summary>The issues (errors when failed; may hold information when succeeded).</summary>
    public ImmutableArray<FhirIssue> Issues { get; }

    /// <summary>True when there is a value.</summary>
    public bool IsSuccess => _value is not null && !Issues.Any(i => i.IsError);

    /// <summary>The value; throws when the result failed (a bug in the caller).</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"no value: {FirstError}");

    /// <summary>The first error, if any.</summary>
    public FhirIssue? FirstError => Issues.FirstOrDefault(i => i.IsError);

    /// <summary>A successful result.</summary>
    [SuppressMessage("Design", "CA1000", Justification = "Factory on the result type reads best at call sites.")]
    public static FhirResult<T> Ok(T value) => new(value, []);

    /// <summary>A failed result.</summary>
    [SuppressMessage("Design", "CA1000", Justification = "Factory on the result type reads best at call sites.")]
    public static FhirResult<T> Fail(ImmutableArray<FhirIssue> issues) => new(default, issues);

    /// <summary>A failed result with one issue.</summary>
    public static implicit operator FhirResult<T>(FhirIssue issue) => new(default, [issue]);

    /// <summary>A failed result with the given issues.</summary>
    public static implicit operator FhirResult<T>(ImmutableArray<FhirIssue> issues) => new(default, issues);

    /// <summary>The same outcome typed as a base type.</summary>
    public FhirResult<TBase> Map<TBase>()
        where TBase : class => IsSuccess ? FhirResult<TBase>.Ok((_value as TBase)!) : FhirResult<TBase>.Fail(Issues);
}
