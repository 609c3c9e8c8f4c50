using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Serverless.Local.Runner;

/// <summary>
/// The runner's log lines on stderr: <c>fail: Category[id] message (ExceptionType: message ---> InnerType: message)</c>. An
/// exception's messages, not its stack trace: the engine and the storage SDK log each failed call of a storage outage, and a
/// person at a terminal reads what failed, not where in the SDK.
/// </summary>
public sealed partial class OneLineConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message.Length == 0 && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.Write("] ");
        textWriter.Write(OneLine(message));
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(" (");
            textWriter.Write(OneLine(Chain(exception)));
            textWriter.Write(')');
        }

        textWriter.WriteLine();
    }

    /// <summary>Each exception's type and message, outermost first.</summary>
    public static string Chain(Exception exception)
    {
        var parts = new List<string>();
        for (Exception? e = exception; e is not null && parts.Count < 8; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message}");
        }

        return string.Join(" ---> ", parts);
    }

    /// <summary>
    /// One line, without the stack frames some loggers (the Durable Task storage provider's) put in the message text itself.
    /// </summary>
    public static string OneLine(string text) =>
        UrlCredentials.Redact(StackTraceEnd().Replace(StackFrame().Replace(text.ReplaceLineEndings(" "), ""), ""));

    [GeneratedRegex(@"\s+at \S+\(.*?\)(?: in \S+:line \d+)?")]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"\s*--- End of (?:inner exception )?stack trace(?: from previous location)? ---")]
    private static partial Regex StackTraceEnd();

    static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
