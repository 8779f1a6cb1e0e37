namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>
/// Checks a signal's samples, as they are read, against the header's initial value and 16-bit checksum, which catch a
/// wrong format or a corrupted file. Like the WFDB tools, which read a record whatever its checksum, a mismatch is
/// reported, not fatal: headers edited by hand or written by converters do not always carry right values, and the
/// signal is still worth analysing.
/// </summary>
internal struct WfdbSignalCheck
{
    private int? _first;
    private int _sum;

    /// <summary>Takes the next samples of the signal.</summary>
    public void Add(ReadOnlySpan<int> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        _first ??= samples[0];
        foreach (var v in samples)
        {
            _sum += v;
        }
    }

    /// <summary>
    /// Adds to <paramref name="warnings"/> what disagrees with signal <paramref name="index"/>'s header line; the checksum
    /// only when <paramref name="checksumCovered"/> (<see cref="WfdbRecordFiles.ChecksumCovers"/>).
    /// </summary>
    public readonly void Report(WfdbSignalSpec spec, string path, int index, bool checksumCovered, List<WfdbError> warnings)
    {
        if (spec.InitialValue is { } initial && _first is { } first && first != initial)
        {
            warnings.Add(new WfdbError(path, $"signal {index} initial value", $"first sample is {first} but the header says {initial} (wrong format, or a corrupted file?)"));
        }

        if (checksumCovered && spec.Checksum is { } checksum && (short)_sum != (short)checksum)
        {
            warnings.Add(new WfdbError(path, $"signal {index} checksum", $"samples sum to {(short)_sum} but the header says {checksum} (wrong format, or a corrupted file?)"));
        }
    }
}
