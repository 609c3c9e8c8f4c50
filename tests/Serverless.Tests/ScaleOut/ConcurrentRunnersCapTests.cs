using System.Diagnostics;
using System.Text.Json;
using Serverless.Local.Engine;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.ScaleOut;

/// <summary>
/// Several runner processes on one task hub, each starting a run against the same API at the same moment: the API limiter's
/// cap holds between them, as the API sees it (the simulator has no limit of its own, so it counts every call in flight).
/// Runner processes on one machine once shared a lease owner name, so both processed the limiter at once; and a limiter
/// episode whose commit lost to another worker's still sent its grants.
/// </summary>
public sealed class ConcurrentRunnersCapTests(ITestOutputHelper output)
{
    const int Cap = 10;
    const int Tries = 8;
    const int Runners = 3;
    const int UsersPerRun = 200;

    [Fact]
    public async Task Runs_started_together_from_three_runner_processes_never_exceed_the_cap_at_the_API_in_eight_tries()
    {
        Azurite.EnsureRunning();
        var peaks = new List<int>();
        var clock = Stopwatch.StartNew();
        for (int attempt = 1; attempt <= Tries; attempt++)
        {
            await using ApiSimulator api = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 40, ConcurrencyLimit = 0 });
            string hub = Azurite.NewTaskHub("cap");
            // Small chunks: every run's chunks ask the limiter for permits and give them back many times, side by side.
            // A runner whose run ends first exits holding the others' messages; short visibility timeouts keep each try short.
            var environment = new Dictionary<string, string>
            {
                ["UserFetch__ChunkSize"] = "25",
                ["UserFetch__BatchSize"] = "5",
                [$"{HostJsonStorage.EnvPrefix}workItemQueueVisibilityTimeout"] = "00:00:10",
                [$"{HostJsonStorage.EnvPrefix}controlQueueVisibilityTimeout"] = "00:00:10",
            };
            var runners = Enumerable.Range(0, Runners).Select(i => RunnerProcess.Start(
                environment,
                "users", "--from", $"{1 + i * 10_000}", "--count", $"{UsersPerRun}", "--max-concurrency", $"{Cap}",
                "--api", api.BaseUrl.ToString(), "--task-hub", hub, "--json")).ToList();
            try
            {
                Task<JsonElement[]> finishing = Task.WhenAll(runners.Select(r => r.ReadEventAsync("finished", TimeSpan.FromMinutes(3))));
                await Task.WhenAny(finishing);
                SimulatorStats stats = api.SnapshotCounters();
                peaks.Add(stats.MaxInFlight);
                output.WriteLine($"try {attempt}: peak {stats.MaxInFlight} in flight, {stats.Ok} fetched, " +
                    $"{(finishing.IsCompletedSuccessfully ? "all finished" : "not all finished")}, {clock.Elapsed.TotalSeconds:F0} s so far");
                Assert.InRange(stats.MaxInFlight, 1, Cap);
                Assert.All(await finishing, f => Assert.Equal("Completed", f.GetProperty("status").GetString()));
                Assert.Equal(Runners * UsersPerRun, stats.DistinctIdsServed);
            }
            finally
            {
                foreach (RunnerProcess runner in runners)
                {
                    runner.Dispose();
                }
            }
        }

        output.WriteLine($"peaks: {string.Join(", ", peaks)}");
    }
}
