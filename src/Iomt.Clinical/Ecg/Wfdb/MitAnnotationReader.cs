using System.Text;

namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>
/// Decodes MIT-format annotation files (PhysioNet <c>annot(5)</c>): 16-bit little-endian words holding a
/// 6-bit code and a 10-bit time increment, with the pseudo-codes SKIP (59, long increment), NUM (60),
/// SUB (61), CHN (62) and AUX (63, text) modifying the annotation around them.
/// </summary>
public static class MitAnnotationReader
{
    private const int Skip = 59, Num = 60, Sub = 61, Chn = 62, Aux = 63;

    /// <summary>Reads an annotation file from disk.</summary>
    public static WfdbResult<IReadOnlyList<MitAnnotation>> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return File.Exists(path)
            ? Decode(File.ReadAllBytes(path), path)
            : WfdbResult<IReadOnlyList<MitAnnotation>>.Fail(path, "file", "not found");
    }

    /// <summary>Decodes the bytes of an annotation file; <paramref name="fileName"/> only labels errors.</summary>
    public static WfdbResult<IReadOnlyList<MitAnnotation>> Decode(ReadOnlySpan<byte> bytes, string fileName)
    {
        var result = new List<MitAnnotation>();
        long time = 0;
        int num = 0, chan = 0;
        var pending = false;
        MitAnnotation current = default;
        var position = 0;
        while (true)
        {
            if (position + 2 > bytes.Length)
            {
                // Files normally end with a zero word; a file cut at a word boundary is accepted as ended.
                if (position != bytes.Length)
                {
                    return Fail(fileName, position, "truncated in the middle of an annotation word");
                }

                break;
            }

            var word = bytes[position] | (bytes[position + 1] << 8);
            var at = position;
            position += 2;
            int code = word >> 10, value = word & 0x3FF;
            if (code == 0 && value == 0)
            {
                break;
            }

            switch (code)
            {
                case Skip:
                    if (position + 4 > bytes.Length)
                    {
                        return Fail(fileName, at, "SKIP without its 32-bit interval");
                    }

                    // The interval is stored as two little-endian words, high word first (PDP-11 order).
                    var high = bytes[position] | (bytes[position + 1] << 8);
                    var low = bytes[position + 2] | (bytes[position + 3] << 8);
                    time += (high << 16) | low;
                    position += 4;
                    break;
                case Num:
                    num = SignExtend10(value);
                    current = current with { Number = num };
                    break;
                case Sub:
                    current = current with { Subtype = SignExtend10(value) };
                    break;
                case Chn:
                    chan = value;
                    current = current with { Channel = chan };
                    break;
                case Aux:
                    if (position + value > bytes.Length)
                    {
                        return Fail(fileName, at, $"AUX declares {value} bytes but the file ends first");
                    }

                    if (!pending)
                    {
                        return Fail(fileName, at, "AUX before any annotation");
                    }

                    var text = bytes.Slice(position, value);
                    var nul = text.IndexOf((byte)0);
                    current = current with { Aux = Encoding.Latin1.GetString(nul >= 0 ? text[..nul] : text) };
                    position += value + (value & 1);
                    break;
                default:
                    if (code > MitAnnotationCodes.MaxCode)
                    {
                        return Fail(fileName, at, $"annotation code {code} is not defined");
                    }

                    if (pending)
                    {
                        result.Add(current);
                    }

                    time += value;
                    current = new MitAnnotation(time, (byte)code, 0, chan, num, string.Empty);
                    pending = true;
                    break;
            }
        }

        if (pending)
        {
            result.Add(current);
        }

        return WfdbResult<IReadOnlyList<MitAnnotation>>.Ok(result);
    }

    private static int SignExtend10(int v) => (v << 22) >> 22;

    private static WfdbResult<IReadOnlyList<MitAnnotation>> Fail(string file, int position, string message) =>
        WfdbResult<IReadOnlyList<MitAnnotation>>.Fail(file, $"byte {position}", message);
}
