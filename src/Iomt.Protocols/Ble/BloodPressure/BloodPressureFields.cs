using System.Text.Json;
using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Ble.BloodPressure;

/// <summary>
/// The octet layout shared by Blood Pressure Measurement 0x2A35 and Intermediate Cuff Pressure 0x2A36 (BLS 1.0 §3.1,
/// §3.2): flags; three SFLOATs; optional time stamp, pulse rate SFLOAT, user id, measurement status.
/// </summary>
internal readonly record struct BloodPressureFields(
    bool Kilopascal,
    MedicalFloat First,
    MedicalFloat Second,
    MedicalFloat Third,
    GattDateTime? Timestamp,
    MedicalFloat? PulseRate,
    int? UserId,
    BloodPressureStatus? Status)
{
    /// <summary>1 kPa = 7.50062 mmHg (the README's agreed factor; 7.5006168 exactly).</summary>
    public const double MmHgPerKilopascal = 7.50062;

    private const int ReservedFlags = 0xE0;

    /// <summary>Writes the optional fields both characteristics end with, the observations, and closes the object.</summary>
    public static void WriteTrailer(Utf8JsonWriter writer, GattDateTime? timestamp, MedicalFloat? pulseRate, int? userId, BloodPressureStatus? status, IGattValue value)
    {
        GattJson.WriteTimestamp(writer, "timestamp", timestamp);
        GattJson.WriteMedical(writer, "pulseRate", pulseRate);
        GattJson.WriteNullableInt(writer, "userId", userId);
        if (status is { } s)
        {
            s.WriteJson(writer, "status");
        }
        else
        {
            writer.WriteNull("status");
        }

        GattJson.WriteObservations(writer, value);
        writer.WriteEndObject();
    }

    public static bool TryRead(ref GattReader r, string[] names, out BloodPressureFields fields)
    {
        fields = default;
        if (!r.RequireNotEmpty() || !r.TryU8("flags", out var flags) || !r.CheckReservedBits("flags", 0, flags, ReservedFlags)
            || !r.TrySFloat(names[0], out var first) || !r.TrySFloat(names[1], out var second) || !r.TrySFloat(names[2], out var third))
        {
            return false;
        }

        GattDateTime? timestamp = null;
        MedicalFloat? pulse = null;
        int? user = null;
        BloodPressureStatus? status = null;
        if ((flags & 0x02) != 0)
        {
            if (!r.TryDateTime("timestamp", out var t))
            {
                return false;
            }

            timestamp = t;
        }

        if ((flags & 0x04) != 0)
        {
            if (!r.TrySFloat("pulseRate", out var p))
            {
                return false;
            }

            pulse = p;
        }

        if ((flags & 0x08) != 0)
        {
            if (!r.TryU8("userId", out var u))
            {
                return false;
            }

            user = u;
        }

        if ((flags & 0x10) != 0)
        {
            var offset = r.Position;
            if (!r.TryU16("status", out var s) || !r.CheckReservedBits("status", offset, s, BloodPressureStatus.ReservedMask))
            {
                return false;
            }

            var st = new BloodPressureStatus(s);
            if (!r.CheckReservedValue("status.pulseRateRange", offset, st.PulseRateRange, st.PulseRateRange == 3))
            {
                return false;
            }

            status = st;
        }

        if (!r.CheckEnd())
        {
            return false;
        }

        fields = new BloodPressureFields((flags & 0x01) != 0, first, second, third, timestamp, pulse, user, status);
        return true;
    }
}
