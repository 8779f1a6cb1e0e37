using System.Globalization;
using Iomt.Clinical.Falls;

namespace Iomt.Cli.Analyze;

/// <summary>
/// The parts of a motion file sampled at a rate the fall detector does not support (a phone that slows its
/// accelerometer to 5 Hz with the screen off). The rate at the start is checked before anything is analysed; a later
/// change is analysed with the filters of the last supported rate, and is reported here so that nobody takes its lack of
/// falls at face value. The rate is measured over windows like the detector's own (<see cref="WindowIntervals"/>
/// intervals spanning at least <see cref="WindowS"/>, ending at a positive interval, so samples stamped in batches count
/// exactly); a gap over <see cref="FallDetectorOptions.MaxGapS"/>, where the detector starts again, ends a window.
/// </summary>
internal sealed class OffRateStretches
{
    private const int WindowIntervals = 32;
    private const double WindowS = 1;

    private readonly double _maxGapS = new FallDetectorOptions().MaxGapS;
    private int _intervals;
    private double _span;
    private int _windowStartLine;

    /// <summary>Seconds of samples in windows at an unsupported rate.</summary>
    public double Seconds { get; private set; }

    /// <summary>The first line of the first such window, and the last line of the last.</summary>
    public (int First, int Last) Lines { get; private set; }

    /// <summary>The rate of the window furthest outside the supported range (Hz).</summary>
    public double WorstRateHz { get; private set; } = double.NaN;

    /// <summary>Takes the interval from the sample on the line before to the sample on <paramref name="line"/>.</summary>
    public void Add(double intervalS, int line)
    {
        if (intervalS > _maxGapS)
        {
            _intervals = 0;
            _span = 0;
            return;
        }

        if (_intervals == 0)
        {
            _windowStartLine = line - 1;
        }

        _intervals++;
        _span += intervalS;
        if (_intervals < WindowIntervals || _span < WindowS || intervalS <= 0)
        {
            return;
        }

        var rate = _intervals / _span;
        if (!FallDetector.SupportsRate(rate))
        {
            Lines = (Seconds == 0 ? _windowStartLine : Lines.First, line);
            Seconds += _span;
            if (double.IsNaN(WorstRateHz) || Distance(rate) > Distance(WorstRateHz))
            {
                WorstRateHz = rate;
            }
        }

        _intervals = 0;
        _span = 0;
    }

    /// <summary>A note for <paramref name="path"/> when any part was at an unsupported rate; null when none was.</summary>
    public string? Note(string path) => Seconds == 0 ? null : string.Create(
        CultureInfo.InvariantCulture,
        $"iomt: note: {path}: lines {Lines.First}–{Lines.Last}: {Seconds:0.#} s of samples came {(WorstRateHz < FallDetector.MinimumRateHz ? "as slowly as" : "as fast as")} {WorstRateHz:0.#} Hz, outside the {FallDetector.MinimumRateHz}–{FallDetector.MaximumRateHz} Hz the fall detector supports: they were analysed with the filters of the last supported rate, and falls there may be missed");

    // How far outside the supported range a rate lies, as a ratio.
    private static double Distance(double rateHz) =>
        rateHz < FallDetector.MinimumRateHz ? FallDetector.MinimumRateHz / rateHz : rateHz / FallDetector.MaximumRateHz;
}
