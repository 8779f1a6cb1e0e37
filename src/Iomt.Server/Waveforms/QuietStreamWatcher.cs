using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Iomt.Server.Waveforms;

/// <summary>
/// Once a second, lets the waveform extractors decide what the runs of devices that stopped sending left pending
/// (<see cref="ChunkStream.BecameQuiet"/>): the impacts of acceleration streams (<see cref="MotionExtractor.CheckQuietRunsAsync"/>;
/// without it, a fall whose device goes silent within 2 s of the impact would never be raised) and the AF labels of
/// ECG streams (<see cref="EcgBeatExtractor.CheckQuietRunsAsync"/>). First, once, it resumes the runs the previous
/// process left (<see cref="MotionExtractor.ResumeRecentRunsAsync"/>, <see cref="EcgBeatExtractor.ResumeRecentRunsAsync"/>),
/// so that such a fall or AF onset is not lost either when the server restarts before the device is found silent.
/// </summary>
public sealed class QuietStreamWatcher(MotionExtractor motion, EcgBeatExtractor ecg, TimeProvider time, ILogger<QuietStreamWatcher> logger) : BackgroundService
{
    /// <summary>How often quiet streams are looked for.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var resumed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            resumed = resumed || (await StepAsync("Resuming motion", motion.ResumeRecentRunsAsync, stoppingToken).ConfigureAwait(false)
                && await StepAsync("Resuming ECG", ecg.ResumeRecentRunsAsync, stoppingToken).ConfigureAwait(false));
            if (resumed)
            {
                // Each on its own: a motion event the store cannot take must not hold up the ECG decisions.
                await StepAsync("Checking quiet motion", motion.CheckQuietRunsAsync, stoppingToken).ConfigureAwait(false);
                await StepAsync("Checking quiet ECG", ecg.CheckQuietRunsAsync, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    // Runs one step; a failure (the store down) is logged and the step retried at the next tick.
    private async Task<bool> StepAsync(string step, Func<CancellationToken, Task<int>> work, CancellationToken stoppingToken)
    {
        try
        {
            await work(stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // A failed step is retried at the next tick; the host must keep running.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "{Step} waveform streams failed; retrying", step);
            return false;
        }
    }
}
