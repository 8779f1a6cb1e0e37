namespace Iomt.Cli.CommandLine;

/// <summary>
/// A mistake in what the user gave us (a file, a field, a value). <see cref="CommandRunner"/> prints its
/// message as one line and exits non-zero, never with a stack trace.
/// </summary>
public sealed class UserInputException : Exception
{
    /// <summary>Creates the error with a message naming the file, line and field.</summary>
    public UserInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public UserInputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Required by the exception pattern; prefer a message.</summary>
    public UserInputException()
    {
    }
}
