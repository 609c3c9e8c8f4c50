using System.Runtime.InteropServices;
using Serverless.Local.Runner;

namespace Serverless.Local.Commands;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM for the whole process: the first cancels the command's token, so it stops what it is doing and
/// stops the engine (for a bounded time, see <see cref="RunnerSession"/>); whatever storage or the engine then do, the process
/// exits <see cref="ExitWithin"/> after the signal; a second signal exits at once. The engine's and the simulator's hosts take
/// the signals too and cancel the default exit, so without this a stuck stop (storage gone) kept the process alive.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    public static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(8);

    readonly CancellationTokenSource stopping = new();
    readonly PosixSignalRegistration interrupt;
    readonly PosixSignalRegistration terminate;
    int received;

    ShutdownSignals()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public static ShutdownSignals Register() => new();

    /// <summary>Cancelled on the first signal.</summary>
    public CancellationToken Token => stopping.Token;

    /// <summary>The exit code for the signal received (130 or 143), or null when none was.</summary>
    public int? ExitCode => Volatile.Read(ref received) switch
    {
        0 => null,
        (int)PosixSignal.SIGINT => ExitCodes.Interrupted,
        _ => ExitCodes.Terminated,
    };

    void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        int code = context.Signal == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated;
        if (Interlocked.CompareExchange(ref received, (int)context.Signal, 0) != 0)
        {
            Environment.Exit(code);
            return;
        }

        Console.Error.WriteLine($"{SignalName(context.Signal)} received: stopping (the process exits within {ExitWithin.TotalSeconds:F0} s).");
        // Off the signal thread: cancelling runs the command's continuations, which stop the engine.
        _ = Task.Run(stopping.Cancel);
        _ = ExitAfterAsync(code);
    }

    static async Task ExitAfterAsync(int code)
    {
        await Task.Delay(ExitWithin);
        Console.Error.WriteLine($"Still stopping {ExitWithin.TotalSeconds:F0} s after the signal; exiting without waiting any longer.");
        Environment.Exit(code);
    }

    static string SignalName(PosixSignal signal) => signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        stopping.Dispose();
    }
}
