using System.Collections.Frozen;
using System.Collections.Immutable;
using Iomt.Core.Measurements;

namespace Iomt.Core.Catalogue;

/// <summary>
/// The measurement types the platform accepts. Codes and units follow clinical-reference §11.2;
/// plausible ranges are the OpenIoMT engineering defaults of §11.1 (reject only the impossible).
/// </summary>
public sealed class VitalSignCatalogue
{
    private readonly FrozenDictionary<ObservationCode, VitalSignType> _byCode;
    private readonly FrozenDictionary<string, VitalSignType> _byName;

    /// <summary>Creates a catalogue from the given types (codes and names must be unique).</summary>
    public VitalSignCatalogue(IEnumerable<VitalSignType> types)
    {
        var list = types.ToList();
        _byCode = list.ToFrozenDictionary(t => t.Code);
        _byName = list.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        Types = [.. list];
    }

    /// <summary>The default catalogue.</summary>
    public static VitalSignCatalogue Default { get; } = new(DefaultTypes());

    /// <summary>Every known type.</summary>
    public ImmutableArray<VitalSignType> Types { get; }

    /// <summary>Finds the type of a code.</summary>
    public bool TryGet(ObservationCode code, out VitalSignType type) => _byCode.TryGetValue(code, out type!);

    /// <summary>Finds a type by its short name (e.g. "heart-rate").</summary>
    public bool TryGetByName(string? name, out VitalSignType type)
    {
        if (name is null)
        {
            type = null!;
            return false;
        }

        return _byName.TryGetValue(name, out type!);
    }

    private static VitalSignType Scalar(string name, ObservationCode code, string display, string unit, double min, double max, params string[] accepted) =>
        new() { Name = name, Code = code, Display = display, CanonicalUnit = unit, Min = min, Max = max, AcceptedUnits = [.. accepted] };

    private static IEnumerable<VitalSignType> DefaultTypes()
    {
        var l = ObservationCode.Loinc;
        var mdc = ObservationCode.Mdc;
        ObservationCode Own(string c) => new(CodeSystems.OpenIomt, c);

        // Cardiovascular (§11.1: HR/pulse 20–300 /min; BP sys 40–300, dia 20–200, mean 30–250 mmHg).
        yield return Scalar("heart-rate", l("8867-4"), "Heart rate", "/min", 20, 300);
        yield return Scalar("pulse-rate-oximetry", l("8889-8"), "Heart rate by Pulse oximetry", "/min", 20, 300);
        yield return Scalar("pulse-rate-invasive", l("60978-4"), "Heart rate Intravascular by Invasive", "/min", 20, 300);
        yield return Scalar("systolic-bp", l("8480-6"), "Systolic blood pressure", "mm[Hg]", 40, 300, "kPa");
        yield return Scalar("diastolic-bp", l("8462-4"), "Diastolic blood pressure", "mm[Hg]", 20, 200, "kPa");
        yield return Scalar("mean-bp", l("8478-0"), "Mean blood pressure", "mm[Hg]", 30, 250, "kPa");
        yield return Scalar("systolic-bp-invasive", l("76215-3"), "Invasive Systolic blood pressure", "mm[Hg]", 40, 300, "kPa");
        yield return Scalar("diastolic-bp-invasive", l("76213-8"), "Invasive Diastolic blood pressure", "mm[Hg]", 20, 200, "kPa");
        // Pulmonary artery pressures: [U] engineering defaults (catheter range), not in §11.1.
        yield return Scalar("pulmonary-systolic-bp", l("8440-0"), "Pulmonary artery Systolic blood pressure", "mm[Hg]", 0, 150, "kPa");
        yield return Scalar("pulmonary-diastolic-bp", l("8385-7"), "Pulmonary artery Diastolic blood pressure", "mm[Hg]", -10, 100, "kPa");
        yield return Scalar("pulmonary-mean-bp", l("8414-5"), "Pulmonary artery Mean blood pressure", "mm[Hg]", -10, 120, "kPa");
        yield return new VitalSignType
        {
            Name = "bp-panel",
            Code = l("85354-9"),
            Display = "Blood pressure panel with all children optional",
            ComponentCodes = [l("8480-6"), l("8462-4"), l("8478-0"), l("8867-4")],
            RequiredComponents = [l("8480-6"), l("8462-4")],
        };
        yield return Scalar("rr-interval", mdc("147240"), "MDC_ECG_TIME_PD_RR_GL", "s", 0.2, 3.0, "ms");
        // Time-domain HRV of a 5-min window (Task Force ESC/NASPE 1996): SDNN has a LOINC code, RMSSD none (OpenIoMT's).
        yield return Scalar("hrv-sdnn", l("80404-7"), "R-R interval.standard deviation (Heart rate variability)", "ms", 0, 1000);
        yield return Scalar("hrv-rmssd", Own("hrv-rmssd"), "RMSSD of successive NN intervals (Heart rate variability)", "ms", 0, 1000);
        yield return Scalar("ecg-st-i", mdc("131841"), "MDC_ECG_AMPL_ST_I", "mV", -10, 10);
        yield return Scalar("ecg-st-ii", mdc("131842"), "MDC_ECG_AMPL_ST_II", "mV", -10, 10);
        yield return Scalar("ecg-pvc-rate", mdc("148065"), "MDC_ECG_V_P_C_CNT", "/min", 0, 300);

        // Respiratory (§11.1: RR 0–80 /min; SpO2 50–100 %, below 50 rejected).
        yield return Scalar("respiratory-rate", l("9279-1"), "Respiratory rate", "/min", 0, 80);
        yield return Scalar("spo2", l("2708-6"), "Oxygen saturation in Arterial blood", "%", 50, 100);
        yield return Scalar("spo2-pulse-oximetry", l("59408-5"), "Oxygen saturation in Arterial blood by Pulse oximetry", "%", 50, 100);
        // End-tidal CO2: [U] engineering default 0–150 mmHg.
        yield return Scalar("end-tidal-co2", l("19891-1"), "Carbon dioxide [Partial pressure] in Exhaled gas --at end expiration", "mm[Hg]", 0, 150, "kPa");
        yield return Scalar("fev1", l("20150-9"), "FEV1", "L", 0.1, 8.0, "mL");
        yield return Scalar("fvc", l("19868-9"), "FVC", "L", 0.1, 10.0, "mL");
        yield return Scalar("fev1-fvc", l("19926-5"), "FEV1/FVC", "%", 0, 100);
        yield return Scalar("pef", l("19935-6"), "Peak expiratory flow", "L/min", 30, 1000, "L/s");

        // Temperature (§11.1: 25.0–45.0 °C).
        yield return Scalar("body-temperature", l("8310-5"), "Body temperature", "Cel", 25, 45, "[degF]", "K");
        yield return Scalar("oral-temperature", l("8331-1"), "Oral temperature", "Cel", 25, 45, "[degF]", "K");

        // Body measurements.
        yield return Scalar("body-weight", l("29463-7"), "Body weight", "kg", 0.3, 500, "g", "[lb_av]");
        yield return Scalar("body-height", l("8302-2"), "Body height", "cm", 20, 272, "[in_i]", "m", "mm");
        yield return Scalar("bmi", l("39156-5"), "Body mass index (BMI) [Ratio]", "kg/m2", 5, 250);

        // Glucose (§11.1: meter 10–600 mg/dL; CGM 40–500 mg/dL [U]).
        yield return Scalar("glucose-blood", l("2339-0"), "Glucose [Mass/volume] in Blood", "mg/dL", 10, 600, "mmol/L");
        yield return Scalar("glucose-serum", l("2345-7"), "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 10, 600, "mmol/L");
        yield return Scalar("glucose-capillary", l("41653-7"), "Glucose [Mass/volume] in Capillary blood by Glucometer", "mg/dL", 10, 600, "mmol/L");
        yield return Scalar("glucose-cgm", l("99504-3"), "Glucose [Mass/volume] in Interstitial fluid", "mg/dL", 40, 500, "mmol/L");

        // Activity and maternity.
        yield return Scalar("steps", l("55423-8"), "Number of steps in unspecified time Pedometer", "{steps}", 0, 100_000);
        yield return Scalar("fetal-heart-rate", l("55283-6"), "Fetal Heart rate", "/min", 50, 240);

        // Smart-hospital and device status: no standard code adopted; [U] engineering defaults.
        yield return Scalar("room-temperature", Own("room-temperature"), "Room temperature", "Cel", -30, 60, "[degF]");
        yield return Scalar("room-humidity", Own("room-humidity"), "Room relative humidity", "%", 0, 100);
        yield return Scalar("fridge-temperature", Own("fridge-temperature"), "Medication fridge temperature", "Cel", -40, 30, "[degF]");
        yield return Scalar("battery-level", Own("battery-level"), "Device battery level", "%", 0, 100);
    }
}
