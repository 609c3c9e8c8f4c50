namespace Serverless.Local.Runner;

/// <summary>
/// A failure the runner explains in one line (what went wrong, and what to do about it) with the exit code that says so; the
/// top-level handler prints the message alone, without a stack trace.
/// </summary>
public class CommandFailedException(string message, int exitCode, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
