using Grpc.Core;
using Microsoft.Extensions.Options;
using Serverless.Local.Runner;

namespace Serverless.Local.Commands;

/// <summary>
/// The one place where a command's failure becomes what the person reads: the kinds the runner knows get one line and an exit
/// code (<see cref="ExitCodes"/>), never a stack trace; anything else is a defect and keeps its stack trace for whoever fixes it.
/// </summary>
public static class CommandFailures
{
    /// <summary>The line to print and the exit code, or null for an exception the runner does not know.</summary>
    /// <param name="signal">The exit code of the shutdown signal received, if one was.</param>
    public static (string Message, int ExitCode)? Describe(Exception exception, int? signal)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } single)
        {
            return Describe(single.InnerExceptions[0], signal);
        }

        return exception switch
        {
            CommandFailedException failed => (UrlCredentials.Redact(failed.Message), failed.ExitCode),
            OptionsValidationException invalid => (UrlCredentials.Redact($"Configuration refused: {Sentences(invalid.Failures)}"), ExitCodes.Usage),
            OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled } when signal is { } code => (Stopped(code), code),
            // What a stop cut short may fail with anything; it was asked for, and a stack trace would say otherwise.
            _ when signal is { } code => ($"{Stopped(code)} ({exception.GetType().Name}: {exception.Message.Split('\n', 2)[0].Trim()})", code),
            _ => null,
        };
    }

    static string Stopped(int code) => code == ExitCodes.Interrupted ? "Stopped by SIGINT." : "Stopped by SIGTERM.";

    static string Sentences(IEnumerable<string> failures) => string.Join(" ", failures.Select(f => f.Trim().TrimEnd('.') + "."));
}
