using System.CommandLine;
using System.Globalization;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Ecg.Wfdb;
using Iomt.Clinical.Evaluation;

namespace Iomt.Cli.Eval;

/// <summary>
/// The <c>--noise KIND --snr DB</c> options of <c>iomt eval qrs</c> and <c>iomt eval af</c>: synthetic noise added to
/// each record's lead before detection (<see cref="EcgNoise"/>), at a signal-to-noise ratio measured on the record's
/// reference beats, with a seed that follows the record's name.
/// </summary>
internal sealed class NoiseStress
{
    private readonly Option<EcgNoiseKind?> _kind = new("--noise") { Description = "Add synthetic noise to each record before detection: wander, muscle or mains (with --snr)" };
    private readonly Option<double?> _snr = new("--snr") { Description = "Signal-to-noise ratio (dB) of the added noise: QRS peak-to-peak amplitude squared / 8 over the noise's mean square" };

    /// <summary>Adds the two options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_kind);
        command.Options.Add(_snr);
    }

    /// <summary>The noise asked for, null for none; a user error when only one of the two options is given or the SNR is out of range.</summary>
    public (EcgNoiseKind Kind, double SnrDb)? Parse(ParseResult parse) => (parse.GetValue(_kind), parse.GetValue(_snr)) switch
    {
        (null, null) => null,
        ({ } kind, { } db) when db is >= -20 and <= 60 => (kind, db),
        ({ }, { } db) => throw new UserInputException($"--snr {db.ToString(CultureInfo.InvariantCulture)}: must be between -20 and 60 dB"),
        _ => throw new UserInputException("--noise and --snr go together"),
    };

    /// <summary><paramref name="signal"/> with the noise added, or unchanged when <paramref name="noise"/> is null.</summary>
    public static float[] Apply(float[] signal, double samplingHz, IReadOnlyList<MitAnnotation> annotations, string recordPath, (EcgNoiseKind Kind, double SnrDb)? noise)
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

        // The seed follows the record's name, so a run is repeatable and records get different noise.
        var seed = Path.GetFileName(recordPath).Aggregate(17, (h, c) => unchecked((h * 31) + c));
        return EcgNoise.Add(signal, samplingHz, n.Kind, n.SnrDb, amplitude, seed);
    }
}
