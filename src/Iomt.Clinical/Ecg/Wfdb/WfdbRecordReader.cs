namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>
/// Reads a WFDB record from disk: <c>&lt;record&gt;.hea</c> and the signal files it names (looked up beside
/// the header). An explicit file reader: bad content comes back as a <see cref="WfdbError"/>, never an exception.
/// </summary>
public static class WfdbRecordReader
{
    /// <summary>Reads the record whose path without extension is <paramref name="recordPath"/>.</summary>
    public static WfdbResult<WfdbRecord> Read(string recordPath)
    {
        ArgumentNullException.ThrowIfNull(recordPath);
        var headerPath = recordPath + ".hea";
        if (!File.Exists(headerPath))
        {
            return WfdbResult<WfdbRecord>.Fail(headerPath, "file", "not found");
        }

        var header = WfdbHeaderParser.Parse(File.ReadAllText(headerPath), headerPath);
        if (!header.IsSuccess)
        {
            return WfdbResult<WfdbRecord>.Fail(header.Error);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(headerPath)) ?? ".";
        return Read(header.Value, name => Path.Combine(directory, name));
    }

    /// <summary>Reads the signals of <paramref name="header"/>, resolving each signal file name with <paramref name="resolve"/>.</summary>
    public static WfdbResult<WfdbRecord> Read(WfdbHeader header, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(resolve);
        var samples = new int[header.Signals.Count][];
        var warnings = new List<WfdbError>();
        var groups = header.Signals.Select((s, i) => (Spec: s, Index: i)).GroupBy(x => x.Spec.FileName);
        long length = header.SampleCount;
        foreach (var group in groups)
        {
            var members = group.ToArray();
            var path = resolve(group.Key);
            if (!File.Exists(path))
            {
                return WfdbResult<WfdbRecord>.Fail(path, "file", "signal file named in the header not found");
            }

            var format = members[0].Spec.Format;
            if (members.Any(m => m.Spec.Format != format))
            {
                return WfdbResult<WfdbRecord>.Fail(path, "format", "signals sharing one file must share one format");
            }

            var bytes = File.ReadAllBytes(path);
            var offset = members[0].Spec.ByteOffset;
            if (offset > bytes.LongLength)
            {
                return WfdbResult<WfdbRecord>.Fail(path, "byte offset", $"the header's byte offset {offset} is past the end of the file ({bytes.LongLength} bytes)");
            }

            var available = Math.Max(0, bytes.LongLength - offset);
            var frames = header.SampleCount;
            if (frames == 0)
            {
                frames = WfdbSignalDecoder.SamplesIn(format, available) / members.Length;
                length = length == 0 ? frames : Math.Min(length, frames);
            }

            if (frames > int.MaxValue / members.Length)
            {
                // Checked before any byte count: a header may declare a sample count whose byte count overflows.
                return frames > WfdbSignalDecoder.SamplesIn(format, available) / members.Length
                    ? WfdbResult<WfdbRecord>.Fail(path, $"byte {bytes.LongLength}", $"truncated: the header declares {frames} samples per signal in format {format}, more than the file's {available} bytes hold")
                    : WfdbResult<WfdbRecord>.Fail(path, "length", "record too long to hold in memory");
            }

            var needed = WfdbSignalDecoder.BytesFor(format, frames * members.Length);
            if (available < needed)
            {
                return WfdbResult<WfdbRecord>.Fail(path, $"byte {bytes.LongLength}", $"truncated: the header declares {frames} samples per signal in format {format}, which needs {needed + offset} bytes");
            }

            var interleaved = new int[frames * members.Length];
            WfdbSignalDecoder.Decode(format, bytes.AsSpan((int)offset), interleaved);
            for (var m = 0; m < members.Length; m++)
            {
                var channel = new int[frames];
                for (long f = 0; f < frames; f++)
                {
                    channel[f] = interleaved[(f * members.Length) + m];
                }

                Verify(members[m].Spec, channel, path, members[m].Index, warnings);

                samples[members[m].Index] = channel;
            }
        }

        if (length > 0)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                if (samples[i].LongLength > length)
                {
                    samples[i] = samples[i][..(int)length];
                }
            }
        }

        return WfdbResult<WfdbRecord>.Ok(new WfdbRecord(header, samples) { Warnings = warnings });
    }

    // The header's initial value and 16-bit checksum catch a wrong format or a corrupted file. Like the WFDB tools,
    // which read a record whatever its checksum, a mismatch is reported, not fatal: headers edited by hand or written
    // by converters do not always carry right values, and the signal is still worth analysing.
    private static void Verify(WfdbSignalSpec spec, int[] channel, string path, int index, List<WfdbError> warnings)
    {
        if (spec.InitialValue is { } initial && channel.Length > 0 && channel[0] != initial)
        {
            warnings.Add(new WfdbError(path, $"signal {index} initial value", $"first sample is {channel[0]} but the header says {initial} (wrong format, or a corrupted file?)"));
        }

        if (spec.Checksum is { } checksum)
        {
            var sum = 0;
            foreach (var v in channel)
            {
                sum += v;
            }

            if ((short)sum != (short)checksum)
            {
                warnings.Add(new WfdbError(path, $"signal {index} checksum", $"samples sum to {(short)sum} but the header says {checksum} (wrong format, or a corrupted file?)"));
            }
        }
    }
}
