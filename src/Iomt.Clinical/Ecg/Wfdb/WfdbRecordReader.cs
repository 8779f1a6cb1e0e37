namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>
/// Reads a WFDB record from disk: <c>&lt;record&gt;.hea</c> and the signal files it names (looked up beside
/// the header). An explicit file reader: bad content comes back as a <see cref="WfdbError"/>, never an exception.
/// <see cref="Locate(string)"/> checks the record without reading its samples, for streaming one signal with a
/// <see cref="WfdbChannelReader"/>; <see cref="Read(string)"/> loads every signal into memory.
/// </summary>
public static class WfdbRecordReader
{
    /// <summary>Reads the record whose path without extension is <paramref name="recordPath"/>.</summary>
    public static WfdbResult<WfdbRecord> Read(string recordPath)
    {
        var files = Locate(recordPath);
        return files.IsSuccess ? Load(files.Value) : WfdbResult<WfdbRecord>.Fail(files.Error);
    }

    /// <summary>Reads the signals of <paramref name="header"/>, resolving each signal file name with <paramref name="resolve"/>.</summary>
    public static WfdbResult<WfdbRecord> Read(WfdbHeader header, Func<string, string> resolve)
    {
        var files = Locate(header, resolve);
        return files.IsSuccess ? Load(files.Value) : WfdbResult<WfdbRecord>.Fail(files.Error);
    }

    /// <summary>
    /// Parses the header of the record whose path without extension is <paramref name="recordPath"/> and checks that its
    /// signal files exist and hold every sample it declares.
    /// </summary>
    public static WfdbResult<WfdbRecordFiles> Locate(string recordPath)
    {
        ArgumentNullException.ThrowIfNull(recordPath);
        var headerPath = recordPath + ".hea";
        if (!File.Exists(headerPath))
        {
            return WfdbResult<WfdbRecordFiles>.Fail(headerPath, "file", "not found");
        }

        var header = WfdbHeaderParser.Parse(File.ReadAllText(headerPath), headerPath);
        if (!header.IsSuccess)
        {
            return WfdbResult<WfdbRecordFiles>.Fail(header.Error);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(headerPath)) ?? ".";
        return Locate(header.Value, name => Path.Combine(directory, name));
    }

    /// <summary>
    /// Checks that the signal files of <paramref name="header"/>, each name resolved with <paramref name="resolve"/>,
    /// exist and hold every sample it declares (all the samples they hold when it declares no count).
    /// </summary>
    public static WfdbResult<WfdbRecordFiles> Locate(WfdbHeader header, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(resolve);
        var files = new List<WfdbSignalFile>();
        var length = header.SampleCount;
        foreach (var group in header.Signals.Select((s, i) => (Spec: s, Index: i)).GroupBy(x => x.Spec.FileName))
        {
            var members = group.ToArray();
            var path = resolve(group.Key);
            if (!File.Exists(path))
            {
                return WfdbResult<WfdbRecordFiles>.Fail(path, "file", "signal file named in the header not found");
            }

            var format = members[0].Spec.Format;
            if (members.Any(m => m.Spec.Format != format))
            {
                return WfdbResult<WfdbRecordFiles>.Fail(path, "format", "signals sharing one file must share one format");
            }

            var size = SizeOf(path);
            var offset = members[0].Spec.ByteOffset;
            if (offset > size)
            {
                return WfdbResult<WfdbRecordFiles>.Fail(path, "byte offset", $"the header's byte offset {offset} is past the end of the file ({size} bytes)");
            }

            var available = size - offset;
            var held = WfdbSignalDecoder.SamplesIn(format, available) / members.Length;
            if (header.SampleCount == 0)
            {
                length = files.Count == 0 ? held : Math.Min(length, held);
            }
            else if (header.SampleCount > held)
            {
                // Compared in samples: a header may declare a sample count whose byte count overflows.
                var needs = header.SampleCount <= long.MaxValue / 8 / members.Length
                    ? $"which needs {WfdbSignalDecoder.BytesFor(format, header.SampleCount * members.Length) + offset} bytes"
                    : $"more than the file's {available} bytes hold";
                return WfdbResult<WfdbRecordFiles>.Fail(path, $"byte {size}", $"truncated: the header declares {header.SampleCount} samples per signal in format {format}, {needs}");
            }

            files.Add(new WfdbSignalFile(path, format, offset, [.. members.Select(m => m.Index)], 0, held));
        }

        return WfdbResult<WfdbRecordFiles>.Ok(new WfdbRecordFiles(header, [.. files.Select(f => f with { Frames = length })], length));
    }

    // Every signal in memory, each file decoded a block at a time as a channel reader does.
    private static WfdbResult<WfdbRecord> Load(WfdbRecordFiles record)
    {
        var signalCount = record.Header.Signals.Count;
        if (signalCount > 0 && record.Length > int.MaxValue / signalCount)
        {
            return WfdbResult<WfdbRecord>.Fail(record.Files[0].Path, "length", $"record too long to hold in memory ({record.Length} samples of each of {signalCount} signals)");
        }

        var samples = new int[signalCount][];
        var warnings = new List<WfdbError>(record.Warnings);
        foreach (var file in record.Files)
        {
            var signals = file.Signals.Count;
            var channels = file.Signals.Select(_ => new int[record.Length]).ToArray();
            var checks = new WfdbSignalCheck[signals];
            using (var reader = new WfdbFrameReader(file))
            {
                var interleaved = new int[reader.InterleavedLength];
                long at = 0;
                int frames;
                while ((frames = ReadOrEnd(reader, interleaved)) > 0)
                {
                    for (var m = 0; m < signals; m++)
                    {
                        var channel = channels[m].AsSpan((int)at, frames);
                        for (var f = 0; f < frames; f++)
                        {
                            channel[f] = interleaved[(f * signals) + m];
                        }

                        checks[m].Add(channel);
                    }

                    at += frames;
                }

                if (at < record.Length)
                {
                    return WfdbResult<WfdbRecord>.Fail(file.Path, $"byte {SizeOf(file.Path)}", "truncated: the file shrank while it was read");
                }
            }

            for (var m = 0; m < signals; m++)
            {
                checks[m].Report(record.Header.Signals[file.Signals[m]], file.Path, file.Signals[m], record.ChecksumCovers(file), warnings);
                samples[file.Signals[m]] = channels[m];
            }
        }

        return WfdbResult<WfdbRecord>.Ok(new WfdbRecord(record.Header, samples) { Warnings = warnings });
    }

    // A file that shrinks while it is read ends the reading early, which the caller reports as a truncated file.
    private static int ReadOrEnd(WfdbFrameReader reader, Span<int> interleaved)
    {
        try
        {
            return reader.Read(interleaved);
        }
        catch (EndOfStreamException)
        {
            return 0;
        }
    }

    // The size of the file a path leads to: a symbolic link's target, not the link.
    private static long SizeOf(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return RandomAccess.GetLength(handle);
    }
}
