using System.CommandLine;

namespace Iomt.Cli.CommandLine;

/// <summary>
/// Sets a command's action so that user errors become one line on stderr and exit code 2, and
/// I/O errors (missing or unreadable files, a full disk, an unreachable server) exit 2 the same way; bugs still surface with a trace.
/// </summary>
public static class CommandRunner
{
    /// <summary>Exit code for a user error.</summary>
    public const int UserErrorExitCode = 2;

    /// <summary>Sets <paramref name="action"/> as the command's handler with uniform error reporting.</summary>
    public static void SetHandler(this Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await action(parse, ct).ConfigureAwait(false);
            }
            catch (UserInputException e)
            {
                return Fail(e.Message);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                return Fail(e.Message);
            }
            catch (IOException e)
            {
                // e.g. an output on a full disk: the operating system's words are the message.
                return Fail(e.Message);
            }
            catch (HttpRequestException e)
            {
                // e.g. `iomt bench ingest --url` naming a server that is not running.
                return Fail(e.Message);
            }
        });
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"iomt: error: {message}");
        return UserErrorExitCode;
    }
}
