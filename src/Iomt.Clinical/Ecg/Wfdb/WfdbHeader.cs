namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>A parsed WFDB <c>.hea</c> header: the record line and one <see cref="WfdbSignalSpec"/> per signal.</summary>
/// <param name="RecordName">Record name from the record line.</param>
/// <param name="SamplingFrequency">Samples per second per signal (250 when the header leaves it out).</param>
/// <param name="SampleCount">Samples per signal (0 when the header leaves it out: read to the end of the file).</param>
/// <param name="Signals">The signal lines in order.</param>
/// <param name="Comments">Comment lines without the leading <c>#</c>.</param>
public sealed record WfdbHeader(
    string RecordName,
    double SamplingFrequency,
    long SampleCount,
    IReadOnlyList<WfdbSignalSpec> Signals,
    IReadOnlyList<string> Comments);
