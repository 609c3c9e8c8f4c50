using System.Diagnostics;

namespace Serverless.Tests.FunctionsHost;

/// <summary>One Functions host OS process (func, or the bundled host) running the built app; its console lines are kept.</summary>
public sealed class FunctionsHostProcess : IDisposable
{
    readonly Process process;
    readonly List<string> lines = [];
    readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly StreamWriter log;
    bool closed;

    FunctionsHostProcess(Process process, StreamWriter log)
    {
        this.process = process;
        this.log = log;
    }

    public int Id => process.Id;

    /// <summary>Starts the host; its console goes to <paramref name="logFile"/> too (appended), for whoever reads a failed run.</summary>
    public static FunctionsHostProcess Start(int port, IReadOnlyDictionary<string, string> settings, string logFile)
    {
        // setsid (which execs in place, keeping the pid): a session of its own, so signals meant for the test
        // process's group (headless Chromium sends some when it exits) do not stop the host.
        var info = new ProcessStartInfo("setsid");
        if (FunctionsHostLocation.Func is { } func)
        {
            // --enableAuth: func skips key checks locally unless asked, and the tests assert them.
            info.WorkingDirectory = FunctionsHostLocation.App;
            foreach (string arg in new[] { func, "start", "--port", port.ToString(), "--enableAuth" })
            {
                info.ArgumentList.Add(arg);
            }
        }
        else
        {
            info.WorkingDirectory = FunctionsHostLocation.HostDirectory!;
            info.ArgumentList.Add("dotnet");
            info.ArgumentList.Add(FunctionsHostLocation.HostDll);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment.Remove("CONTAINER_NAME");
        foreach ((string key, string value) in settings)
        {
            info.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var host = new FunctionsHostProcess(Process.Start(info)!, new StreamWriter(logFile, append: true) { AutoFlush = true });
        host.process.OutputDataReceived += (_, e) => host.Add(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Add(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for the host's "Job host started" (it listens before that, but triggers are not yet bound).</summary>
    public async Task WaitUntilStartedAsync(TimeSpan timeout)
    {
        Task exited = process.WaitForExitAsync();
        Task first = await Task.WhenAny(started.Task, exited, Task.Delay(timeout));
        if (first != started.Task)
        {
            throw new InvalidOperationException(
                $"Functions host {(first == exited ? $"exited ({process.ExitCode})" : $"not started within {timeout}")}; last lines:\n{Tail(60)}");
        }
    }

    /// <summary>How many console lines of this process contain <paramref name="text"/>.</summary>
    public int LogCount(string text)
    {
        lock (lines)
        {
            return lines.Count(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>The console lines of this process that contain <paramref name="text"/>, oldest first.</summary>
    public IReadOnlyList<string> LogLines(string text)
    {
        lock (lines)
        {
            return lines.Where(l => l.Contains(text, StringComparison.Ordinal)).ToList();
        }
    }

    public string Tail(int count)
    {
        lock (lines)
        {
            return string.Join('\n', lines.TakeLast(count));
        }
    }

    /// <summary>SIGKILL to the host and its worker (the app is the host's child process), as a crash or an evicted instance would.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            KillHard();
        }

        process.Dispose();
        lock (lines)
        {
            closed = true;
            log.Dispose();
        }
    }

    void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
            if (!closed)
            {
                log.WriteLine(line);
            }
        }

        if (line.Contains("Job host started", StringComparison.Ordinal))
        {
            started.TrySetResult();
        }
    }
}
