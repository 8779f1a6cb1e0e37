using System.CommandLine;
using System.Globalization;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Ecg.Wfdb;
using Iomt.Clinical.Evaluation;

namespace Iomt.Cli.Eval;

/// <summary>
/// The options of <c>iomt eval qrs</c> and <c>iomt eval af</c> that change each record's lead before detection:
/// <c>--noise KIND --snr DB</c> adds synthetic noise (<see cref="EcgNoise"/>) at a signal-to-noise ratio measured on the
/// record's reference beats, with a seed that follows the record's name; <c>--rate HZ</c> then resamples the lead
/// (<see cref="LinearResampler"/>), and detections are mapped back to the record's samples for scoring.
/// </summary>
internal sealed class SignalStress
{
    private readonly Option<EcgNoiseKind?> _kind = new("--noise") { Description = "Add synthetic noise to each record before detection: wander, muscle or mains (with --snr)" };
    private readonly Option<double?> _snr = new("--snr") { Description = "Signal-to-noise ratio (dB) of the added noise: QRS peak-to-peak amplitude squared / 8 over the noise's mean square" };
    private readonly Option<double?> _rate = new("--rate") { Description = "Resample each record to this rate (Hz) before detection; beats are mapped back for scoring" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_kind);
        command.Options.Add(_snr);
        command.Options.Add(_rate);
    }

    /// <summary>What was asked for; a user error when only one of --noise and --snr is given, or a value is out of range.</summary>
    public Settings Parse(ParseResult parse)
    {
        (EcgNoiseKind Kind, double SnrDb)? noise = (parse.GetValue(_kind), parse.GetValue(_snr)) switch
        {
            (null, null) => null,
            ({ } kind, { } db) when db is >= -20 and <= 60 => (kind, db),
            ({ }, { } db) => throw new UserInputException($"--snr {db.ToString(CultureInfo.InvariantCulture)}: must be between -20 and 60 dB"),
            _ => throw new UserInputException("--noise and --snr go together"),
        };
        var rate = parse.GetValue(_rate);
        if (rate is < 50 or > 10_000)
        {
            throw new UserInputException($"--rate {rate.Value.ToString(CultureInfo.InvariantCulture)}: must be between 50 and 10000 Hz");
        }

        return new Settings(noise, rate);
    }

    /// <summary>The stress applied to every record: noise (null for none), then a rate to resample to (null: the record's own).</summary>
    internal readonly record struct Settings((EcgNoiseKind Kind, double SnrDb)? Noise = null, double? RateHz = null)
    {
        /// <summary>
        /// The lead as the detectors get it: <paramref name="signal"/> (at <paramref name="samplingHz"/>) with the noise
        /// added, then resampled; and the rate it is at.
        /// </summary>
        public (float[] Signal, double RateHz) Apply(float[] signal, double samplingHz, IReadOnlyList<MitAnnotation> annotations, string recordPath)
        {
            var noisy = AddNoise(signal, samplingHz, annotations, recordPath, Noise);
            return RateHz is { } hz ? (LinearResampler.Resample(noisy, samplingHz, hz), hz) : (noisy, samplingHz);
        }
    }

    private static float[] AddNoise(float[] signal, double samplingHz, IReadOnlyList<MitAnnotation> annotations, string recordPath, (EcgNoiseKind Kind, double SnrDb)? noise)
    {
        if (noise is not { } n)
        {
            return signal;
        }

        var amplitude = EcgNoise.QrsPeakToPeak(signal, [.. annotations.Where(a => a.IsBeat).Select(a => a.Sample)], samplingHz);
        if (!(amplitude > 0))
        {
            throw new UserInputException($"{recordPath}.atr: no beat annotations with a QRS to measure the signal level for --snr");
        }

        return EcgNoise.Add(signal, samplingHz, n.Kind, n.SnrDb, amplitude, SeedOf(Path.GetFileName(recordPath)));
    }

    /// <summary>
    /// The seed of an evaluation's synthetic noise for a record or patient: it follows the name, so a run is repeatable
    /// and each gets different noise.
    /// </summary>
    internal static int SeedOf(string name) => name.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    /// <summary>A sample number at <paramref name="fromHz"/> as the nearest sample number at <paramref name="toHz"/>.</summary>
    internal static long Rescale(long sample, double fromHz, double toHz) => fromHz == toHz ? sample : (long)Math.Round(sample * toHz / fromHz);
}
