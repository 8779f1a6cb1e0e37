namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>A problem with a WFDB file, naming the file, the field (or byte offset) and what is wrong.</summary>
/// <param name="File">The file name as given to the reader.</param>
/// <param name="Field">The field, line or position at fault (e.g. <c>line 2: format</c>, <c>byte 1949997</c>).</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record WfdbError(string File, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: {Field}: {Message}";
}
