using System.Diagnostics.CodeAnalysis;

namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>Either a value read from a WFDB file or the <see cref="WfdbError"/> that stopped the reader.</summary>
/// <typeparam name="T">The value type.</typeparam>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Ok/Fail factories name the outcome at the call site.")]
public readonly struct WfdbResult<T>
{
    private WfdbResult(T? value, WfdbError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The error when not <see cref="IsSuccess"/>.</summary>
    public WfdbError? Error { get; }

    /// <summary>True when a value was read.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>A successful result.</summary>
    public static WfdbResult<T> Ok(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static WfdbResult<T> Fail(WfdbError error) => new(default, error);

    /// <summary>A failed result built from its parts.</summary>
    public static WfdbResult<T> Fail(string file, string field, string message) => new(default, new WfdbError(file, field, message));
}
