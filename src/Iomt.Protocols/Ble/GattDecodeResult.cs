using System.Diagnostics.CodeAnalysis;

namespace Iomt.Protocols.Ble;

/// <summary>The outcome of decoding one characteristic value: the decoded <typeparamref name="T"/> or a <see cref="GattError"/>.</summary>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Result factories read best as GattDecodeResult<T>.Success(...).")]
public readonly struct GattDecodeResult<T>
{
    private readonly T _value;

    private GattDecodeResult(T value, GattError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The error, or null when decoding succeeded.</summary>
    public GattError? Error { get; }

    /// <summary>True when decoding succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The decoded value; throws when the decode failed (check <see cref="IsSuccess"/> first).</summary>
    public T Value => Error is null ? _value : throw new InvalidOperationException($"decode failed: {Error}");

    /// <summary>A success.</summary>
    public static GattDecodeResult<T> Success(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static GattDecodeResult<T> Failure(GattError error) => new(default!, error);

    /// <summary>Gets the value when decoding succeeded.</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return Error is null;
    }

    /// <summary>Converts a success to another value type, keeping a failure as is.</summary>
    public GattDecodeResult<TOther> Map<TOther>(Func<T, TOther> map) =>
        Error is { } e ? GattDecodeResult<TOther>.Failure(e) : GattDecodeResult<TOther>.Success(map(_value));

    /// <inheritdoc />
    public override string ToString() => Error is { } e ? e.ToString() : $"{_value}";
}
