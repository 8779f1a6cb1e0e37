using Iomt.Core.Measurements;

namespace Iomt.Protocols.Ble;

/// <summary>The codes of the README's "Measurements and codes" table (all in the VitalSignCatalogue).</summary>
internal static class GattCodes
{
    public static readonly ObservationCode HeartRate = ObservationCode.Loinc("8867-4");
    public static readonly ObservationCode RrInterval = ObservationCode.Mdc("147240");
    public static readonly ObservationCode Spo2 = ObservationCode.Loinc("59408-5");
    public static readonly ObservationCode PulseRateOximetry = ObservationCode.Loinc("8889-8");
    public static readonly ObservationCode Systolic = ObservationCode.Loinc("8480-6");
    public static readonly ObservationCode Diastolic = ObservationCode.Loinc("8462-4");
    public static readonly ObservationCode MeanArterial = ObservationCode.Loinc("8478-0");
    public static readonly ObservationCode BodyTemperature = ObservationCode.Loinc("8310-5");
    public static readonly ObservationCode BodyWeight = ObservationCode.Loinc("29463-7");
    public static readonly ObservationCode Bmi = ObservationCode.Loinc("39156-5");
    public static readonly ObservationCode BodyHeight = ObservationCode.Loinc("8302-2");
    public static readonly ObservationCode GlucoseCapillary = ObservationCode.Loinc("41653-7");
    public static readonly ObservationCode GlucoseBlood = ObservationCode.Loinc("2339-0");
    public static readonly ObservationCode GlucoseInterstitial = ObservationCode.Loinc("99504-3");
}
