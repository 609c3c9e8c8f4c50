using System.Diagnostics;

namespace Serverless.Tests.Infrastructure;

/// <summary>Sends a POSIX signal as an operator (or a service manager) would: <c>kill -TERM pid</c>.</summary>
public static class Signal
{
    public static void Send(int processId, string signal)
    {
        using Process kill = Process.Start("kill", [$"-{signal}", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {processId} exited {kill.ExitCode}");
        }
    }
}
