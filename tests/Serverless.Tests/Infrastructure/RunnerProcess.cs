using System.Diagnostics;
using System.Text.Json;

namespace Serverless.Tests.Infrastructure;

/// <summary>The local runner as a separate OS process (built next to the tests), read line by line in --json mode.</summary>
public sealed class RunnerProcess : IDisposable
{
    readonly Process process;
    readonly List<string> errors = [];

    RunnerProcess(Process process) => this.process = process;

    public static RunnerProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>With <paramref name="environment"/> set for the process (configuration such as <c>UserFetch__ChunkSize</c>).</summary>
    public static RunnerProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Serverless.Local"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("CONTAINER_NAME");
        foreach ((string name, string value) in environment)
        {
            info.Environment[name] = value;
        }

        var runner = new RunnerProcess(Process.Start(info)!);
        runner.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (runner.errors) runner.errors.Add(e.Data); };
        runner.process.BeginErrorReadLine();
        return runner;
    }

    public string StandardError { get { lock (errors) return string.Join('\n', errors); } }

    /// <summary>The next JSON line whose "event" is <paramref name="name"/>.</summary>
    public async Task<JsonElement> ReadEventAsync(string name, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith('{')
                && JsonDocument.Parse(line).RootElement is var e && e.TryGetProperty("event", out JsonElement ev) && ev.GetString() == name)
            {
                return e.Clone();
            }
        }

        throw new InvalidOperationException(
            $"runner ended without a '{name}' event; exit {(process.HasExited ? process.ExitCode : -1)}; stderr: {StandardError}");
    }

    /// <summary>Every line the runner writes to stdout until it exits.</summary>
    public async Task<List<string>> ReadAllLinesAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    public void KillHard() => process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, as an operator's <c>kill</c> or a container stop sends: the runner may finish what it holds.</summary>
    public void Terminate() => Signal.Send(process.Id, "TERM");

    public bool HasExited => process.HasExited;

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
