using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Iomt.Protocols.Ble.HeartRate;

/// <summary>
/// Decodes Heart Rate Measurement 0x2A37 (HRS 1.0 §3.1, GSS heart_rate_measurement): flags; uint8 or uint16 heart
/// rate; optional uint16 energy expended (kJ); optional RR intervals (uint16, 1/1024 s, oldest first) filling the rest.
/// </summary>
public static class HeartRateMeasurementDecoder
{
    private const int Uint16Format = 0x01;
    private const int EnergyPresent = 0x08;
    private const int RrPresent = 0x10;
    private const int ReservedFlags = 0xE0;

    /// <summary>Decodes one characteristic value; never throws.</summary>
    public static GattDecodeResult<HeartRateMeasurement> Decode(ReadOnlySpan<byte> value, GattDecodeMode mode = GattDecodeMode.Strict)
    {
        var r = new GattReader(value, mode);
        if (!r.RequireNotEmpty() || !r.TryU8("flags", out var flags) || !r.CheckReservedBits("flags", 0, flags, ReservedFlags))
        {
            return GattDecodeResult<HeartRateMeasurement>.Failure(r.Error);
        }

        int heartRate;
        if (!((flags & Uint16Format) != 0 ? r.TryU16("heartRate", out heartRate) : r.TryU8("heartRate", out heartRate)))
        {
            return GattDecodeResult<HeartRateMeasurement>.Failure(r.Error);
        }

        int? energy = null;
        if ((flags & EnergyPresent) != 0)
        {
            if (!r.TryU16("energyExpended", out var e))
            {
                return GattDecodeResult<HeartRateMeasurement>.Failure(r.Error);
            }

            energy = e;
        }

        var rr = ImmutableArray<ushort>.Empty;
        if ((flags & RrPresent) != 0)
        {
            // The RR list fills the rest of the value: at least one interval, whole uint16s only.
            if (r.Remaining < 2 || r.Remaining % 2 != 0)
            {
                r.Fail(GattErrorReason.Truncated, "rrIntervals", r.Position,
                    $"field 'rrIntervals' at offset {r.Position} needs a whole number (>= 1) of 2-octet intervals but {r.Remaining} octet(s) remain");
                return GattDecodeResult<HeartRateMeasurement>.Failure(r.Error);
            }

            var items = new ushort[r.Remaining / 2];
            var rest = value[r.Position..];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = BinaryPrimitives.ReadUInt16LittleEndian(rest[(2 * i)..]);
            }

            rr = ImmutableCollectionsMarshal.AsImmutableArray(items);
        }
        else if (!r.CheckEnd())
        {
            return GattDecodeResult<HeartRateMeasurement>.Failure(r.Error);
        }

        var contact = ((flags >> 1) & 0x3) switch
        {
            0b11 => SensorContact.Detected,
            0b10 => SensorContact.NotDetected,
            _ => SensorContact.NotSupported,
        };
        return GattDecodeResult<HeartRateMeasurement>.Success(new HeartRateMeasurement(heartRate, contact, energy, rr));
    }
}
