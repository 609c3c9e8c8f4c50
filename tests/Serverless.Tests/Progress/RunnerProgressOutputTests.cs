using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.Progress;

/// <summary>The runner as a separate process: what it writes on stdout in --json and --quiet mode, and nothing else.</summary>
public sealed class RunnerProgressOutputTests(ITestOutputHelper output)
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Json_mode_prints_only_json_lines_started_then_monotonic_progress_then_finished()
    {
        Azurite.EnsureRunning();
        using RunnerProcess runner = RunnerProcess.Start(
            "users", "--count", "60", "--sim-latency-ms", "100", "--task-hub", Azurite.NewTaskHub("pj"), "--json");
        List<string> lines = await runner.ReadAllLinesAsync(Timeout);
        int exit = await runner.WaitForExitAsync(Timeout);
        output.WriteLine(string.Join('\n', lines));
        Assert.True(exit == 0, $"exit {exit}; stderr: {runner.StandardError}");

        var events = new List<JsonElement>();
        foreach (string line in lines)
        {
            // Any log line, banner or blank line on stdout fails here.
            using JsonDocument document = JsonDocument.Parse(line);
            events.Add(document.RootElement.Clone());
        }

        Assert.True(events.Count >= 4, $"{events.Count} lines");
        Assert.Equal("started", Event(events[0]));
        Assert.Equal("finished", Event(events[^1]));
        string runId = events[0].GetProperty("runId").GetString()!;

        List<JsonElement> progress = events.Skip(1).SkipLast(1).ToList();
        Assert.All(progress, e => Assert.Equal("progress", Event(e)));
        Assert.True(progress.Count >= 2, $"{progress.Count} progress lines");
        int lastDone = 0;
        foreach (JsonElement e in progress)
        {
            Assert.Equal(runId, e.GetProperty("runId").GetString());
            int done = e.GetProperty("done").GetInt32();
            int total = e.GetProperty("total").GetInt32();
            Assert.Equal(e.GetProperty("succeeded").GetInt32() + e.GetProperty("failed").GetInt32(), done);
            Assert.True(done >= lastDone, $"done went from {lastDone} to {done}");
            Assert.True(done <= total, $"done {done} > total {total}");
            Assert.True(e.GetProperty("inFlight").GetInt32() >= 0);
            Assert.True(e.GetProperty("elapsedSeconds").GetDouble() >= 0);
            Assert.True(e.GetProperty("rate").GetDouble() >= 0);
            Assert.False(string.IsNullOrEmpty(e.GetProperty("status").GetString()));
            lastDone = done;
        }

        JsonElement finished = events[^1];
        Assert.Equal(runId, finished.GetProperty("runId").GetString());
        Assert.Equal("Completed", finished.GetProperty("status").GetString());
        int finishedTotal = finished.GetProperty("total").GetInt32();
        Assert.Equal(60, finishedTotal);
        Assert.Equal(finishedTotal, finished.GetProperty("succeeded").GetInt32() + finished.GetProperty("failed").GetInt32());
        Assert.Equal(finishedTotal, progress[^1].GetProperty("done").GetInt32());
    }

    [Fact]
    public async Task Quiet_mode_prints_only_the_summary()
    {
        Azurite.EnsureRunning();
        using RunnerProcess runner = RunnerProcess.Start(
            "users", "--count", "20", "--sim-latency-ms", "50", "--task-hub", Azurite.NewTaskHub("pq"), "--quiet");
        List<string> lines = await runner.ReadAllLinesAsync(Timeout);
        int exit = await runner.WaitForExitAsync(Timeout);
        output.WriteLine(string.Join('\n', lines));
        Assert.True(exit == 0, $"exit {exit}; stderr: {runner.StandardError}");

        Assert.NotEmpty(lines);
        Assert.Matches(@"^Run users-\S+ Completed: 20 done, 0 failed of 20 in [0-9.]+ s\.$", lines[0]);
        // The rest is the summary's own detail (result files, what the API saw), indented under it: no start lines, no progress.
        Assert.All(lines.Skip(1), line => Assert.StartsWith("  ", line));
        Assert.DoesNotContain(lines, line => line.Contains("Resume it", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => Regex.IsMatch(line, @"^\s+(Pending|Running|Completed)\s+\d+/\d+ done"));
    }

    static string? Event(JsonElement e) => e.GetProperty("event").GetString();
}
