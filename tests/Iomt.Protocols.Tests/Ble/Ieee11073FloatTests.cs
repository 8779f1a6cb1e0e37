using FsCheck;
using FsCheck.Fluent;
using Iomt.Protocols.Ble;
using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Tests.Ble;

public sealed class Ieee11073FloatTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(5_000);

    [Theory]
    [InlineData(0xE4D2, 1234, -2)]
    [InlineData(0xF16E, 366, -1)]
    [InlineData(0xFFF1, -15, -1)]
    [InlineData(0x17FF, 2047, 1)]
    [InlineData(0xF800, -2048, -1)]
    [InlineData(0x8FFF, -1, -8)]
    public void Decodes_sfloat_words_as_twos_complement_mantissa_and_exponent(int word, int mantissa, int exponent)
    {
        Assert.Equal(MedicalFloat.Finite(mantissa, exponent), Ieee11073Float.DecodeSFloat((ushort)word));
    }

    [Theory]
    [InlineData(0x07FF, MedicalFloatKind.NaN)]
    [InlineData(0x0800, MedicalFloatKind.NRes)]
    [InlineData(0x07FE, MedicalFloatKind.PositiveInfinity)]
    [InlineData(0x0802, MedicalFloatKind.NegativeInfinity)]
    [InlineData(0x0801, MedicalFloatKind.Reserved)]
    public void Decodes_the_five_special_sfloat_words(int word, MedicalFloatKind kind)
    {
        Assert.Equal(kind, Ieee11073Float.DecodeSFloat((ushort)word).Kind);
    }

    [Theory]
    [InlineData(0x007FFFFFu, MedicalFloatKind.NaN)]
    [InlineData(0x00800000u, MedicalFloatKind.NRes)]
    [InlineData(0x007FFFFEu, MedicalFloatKind.PositiveInfinity)]
    [InlineData(0x00800002u, MedicalFloatKind.NegativeInfinity)]
    [InlineData(0x00800001u, MedicalFloatKind.Reserved)]
    public void Decodes_the_five_special_float_words(uint word, MedicalFloatKind kind)
    {
        Assert.Equal(kind, Ieee11073Float.DecodeFloat(word).Kind);
    }

    [Fact]
    public void Decodes_float_36_6_and_minus_0_1()
    {
        Assert.Equal(36.6, Ieee11073Float.DecodeFloat(0xFF00016E).Value);
        Assert.Equal(-0.1, Ieee11073Float.DecodeFloat(0xFFFFFFFF).Value);
    }

    [Fact]
    public void Refuses_to_encode_values_that_would_collide_with_special_words_or_overflow()
    {
        Assert.False(Ieee11073Float.TryEncodeSFloat(MedicalFloat.Finite(2047, 0), out _));
        Assert.False(Ieee11073Float.TryEncodeSFloat(MedicalFloat.Finite(2048, 1), out _));
        Assert.False(Ieee11073Float.TryEncodeSFloat(MedicalFloat.Finite(1, 8), out _));
        Assert.False(Ieee11073Float.TryEncodeFloat(MedicalFloat.Finite(-8_388_608, 0), out _));
        Assert.True(Ieee11073Float.TryEncodeSFloat(MedicalFloat.Finite(2047, 1), out var w));
        Assert.Equal(0x17FF, w);
    }

    [Fact]
    public void Sfloat_encode_then_decode_is_identity_for_every_representable_value()
    {
        var gen = from m in Gen.Choose(Ieee11073Float.SFloatMantissaMin, Ieee11073Float.SFloatMantissaMax)
                  from e in Gen.Choose(Ieee11073Float.SFloatExponentMin, Ieee11073Float.SFloatExponentMax)
                  where Ieee11073Float.IsRepresentableSFloat(m, e)
                  select MedicalFloat.Finite(m, e);
        Prop.ForAll(Arb.From(gen), x =>
            Ieee11073Float.TryEncodeSFloat(x, out var word) && Ieee11073Float.DecodeSFloat(word) == x).Check(Runs);
    }

    [Fact]
    public void Float_encode_then_decode_is_identity_for_every_representable_value()
    {
        var gen = from m in Gen.Choose(Ieee11073Float.FloatMantissaMin, Ieee11073Float.FloatMantissaMax)
                  from e in Gen.Choose(Ieee11073Float.FloatExponentMin, Ieee11073Float.FloatExponentMax)
                  where Ieee11073Float.IsRepresentableFloat(m, e)
                  select MedicalFloat.Finite(m, e);
        Prop.ForAll(Arb.From(gen), x =>
            Ieee11073Float.TryEncodeFloat(x, out var word) && Ieee11073Float.DecodeFloat(word) == x).Check(Runs);
    }

    [Fact]
    public void Every_16_bit_word_decodes_and_re_encodes_to_itself()
    {
        // Exhaustive: SFLOAT has only 65,536 words, so the property holds for all of them, not a sample.
        var mismatches = 0;
        for (var w = 0; w <= 0xFFFF; w++)
        {
            var decoded = Ieee11073Float.DecodeSFloat((ushort)w);
            if (!Ieee11073Float.TryEncodeSFloat(decoded, out var back) || back != w)
            {
                mismatches++;
            }
        }

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Any_32_bit_word_decodes_and_re_encodes_to_itself()
    {
        Prop.ForAll(Arb.From(Gen.Choose(int.MinValue, int.MaxValue)), w =>
        {
            var decoded = Ieee11073Float.DecodeFloat((uint)w);
            return Ieee11073Float.TryEncodeFloat(decoded, out var back) && back == (uint)w;
        }).Check(Runs);
    }

    [Fact]
    public void Decoded_value_equals_mantissa_times_power_of_ten()
    {
        var gen = from m in Gen.Choose(-2045, 2045)
                  from e in Gen.Choose(-8, 7)
                  select (m, e);
        Prop.ForAll(Arb.From(gen), t =>
        {
            var v = MedicalFloat.Finite(t.m, t.e).Value;
            var exact = (decimal)t.m * (decimal)Math.Pow(10, t.e);
            return Math.Abs(v - (double)exact) <= 1e-12 * Math.Max(1, Math.Abs((double)exact));
        }).Check(Runs);
    }

    [Fact]
    public void Decoders_never_throw_on_arbitrary_bytes_and_either_succeed_or_name_a_reason()
    {
        var uuids = GattCharacteristics.Supported.Select(s => s.Uuid).ToArray();
        var gen = from uuid in Gen.Elements(uuids)
                  from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
                  from lenient in Gen.Elements(false, true)
                  select (uuid, bytes, lenient);
        Prop.ForAll(Arb.From(gen), t =>
        {
            var result = GattCharacteristics.Decode(t.uuid, t.bytes, t.lenient ? GattDecodeMode.Lenient : GattDecodeMode.Strict);
            return result.IsSuccess ? GattJsonText.Write(result.Value).Length > 0 : result.Error.Value.ReasonCode.Length > 0;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(20_000));
    }
}
