using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Storage;
using Serverless.Core.Users;
using Serverless.Local.Engine;
using Serverless.Local.Runner;
using Serverless.Local.Tuning;
using Serverless.Simulator;

namespace Serverless.Local.Commands;

/// <summary>
/// <c>bench-fanout --users 1000 --latency-ms 100 --cap 50</c>: user-fetch runs on the engine against the bundled simulator
/// (its limit set to the cap, bans on), timed from the start request to the finished status. Prints the median wall time
/// against the ideal (waves of <c>cap</c> calls of the simulator's latency), engine throughput (activities and users per
/// second), this process's peak memory and the largest orchestration history of the run.
/// </summary>
public static class BenchFanOutCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var users = new Option<int>("--users") { Description = "Users per run.", DefaultValueFactory = _ => 1000 };
        var latency = new Option<int>("--latency-ms") { Description = "Simulator latency per call (ms).", DefaultValueFactory = _ => 100 };
        var cap = new Option<int>("--cap") { Description = "UserApi:MaxConcurrency, and the simulator's limit.", DefaultValueFactory = _ => 50 };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Users per activity (0: chosen per run, as for a request without batchSize).",
            DefaultValueFactory = _ => 0,
        };

        var chunkSize = new Option<int?>("--chunk-size") { Description = "Overrides UserFetch:ChunkSize." };
        var repeat = new Option<int>("--repeat") { Description = "Runs; the median is reported.", DefaultValueFactory = _ => 3 };
        var output = new Option<FileInfo?>("--output") { Description = "Also write the figures as JSON here." };
        var command = new Command(
            "bench-fanout", "Benchmark user-fetch fan-out: wall time against the ideal, activities per second, peak memory, largest history.")
        {
            users, latency, cap, batchSize, chunkSize, repeat, output,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            int count = parse.GetValue(users), limit = parse.GetValue(cap), batch = parse.GetValue(batchSize), latencyMs = parse.GetValue(latency);
            // Always the bundled simulator: the ideal is computed from its latency.
            var options = new RunnerSessionOptions
            {
                Simulator = new SimulatorOptions { LatencyMs = latencyMs, ConcurrencyLimit = limit },
                MaxConcurrency = limit,
                Overrides = overrides =>
                {
                    overrides["UserFetch:BatchSize"] = batch.ToString(CultureInfo.InvariantCulture);
                    overrides["UserFetch:MaxUsersPerRun"] = Math.Max(count, 100_000).ToString(CultureInfo.InvariantCulture);
                    if (parse.GetValue(chunkSize) is { } chunk)
                    {
                        overrides["UserFetch:ChunkSize"] = chunk.ToString(CultureInfo.InvariantCulture);
                    }
                },
            };
            return await RunnerSession.RunAsync(settings with { ApiBaseUrl = null }, options, async session =>
            {
                ApiSimulator sim = session.Simulator!;
                var starter = session.Get<UserFetchStarter>();
                int[] ids = Enumerable.Range(1, count).ToArray();
                var seconds = new List<double>();
                var engineSeconds = new List<double>();
                int largestHistory = 0;
                string? largestHistoryInstance = null;
                for (int run = 0; run < Math.Max(1, parse.GetValue(repeat)); run++)
                {
                    sim.ResetStats();
                    var clock = Stopwatch.StartNew();
                    string runId = await starter.StartAsync(session.Client, ids, cancellationToken: cancellationToken);
                    RunStatus status = await PollAsync(session.Client, runId, cancellationToken);
                    clock.Stop();
                    if (status.Succeeded != count)
                    {
                        Console.Error.WriteLine($"run {runId} ended {status.Status} with {status.Succeeded} of {count} users fetched");
                        return 1;
                    }

                    seconds.Add(clock.Elapsed.TotalSeconds);
                    engineSeconds.Add((status.LastUpdatedAt - status.CreatedAt).TotalSeconds);
                    if (settings.Engine == EngineKind.AzureStorage)
                    {
                        Dictionary<string, int> history = await TaskHubHistory.CountEventsAsync(
                            settings.Storage, settings.TaskHub, runId, cancellationToken);
                        (string id, int events) = history.MaxBy(h => h.Value);
                        if (events > largestHistory)
                        {
                            (largestHistory, largestHistoryInstance) = (events, id);
                        }
                    }
                }

                SimulatorStats api = sim.SnapshotCounters();
                double median = EngineTimer.Median(seconds);
                double ideal = Math.Ceiling(count / (double)limit) * latencyMs / 1000.0;
                int used = batch > 0 ? batch : BatchSizing.ForUserRun(count, parse.GetValue(chunkSize) ?? new UserFetchOptions().ChunkSize, limit);
                int activities = (count + used - 1) / used;
                var figures = new
                {
                    Engine = settings.Engine.ToString(),
                    Users = count,
                    LatencyMs = latencyMs,
                    Cap = limit,
                    BatchSize = used,
                    Runs = seconds,
                    MedianSeconds = Math.Round(median, 3),
                    // Created → last updated in the engine: the wall time without the client's start (input blobs) and polling.
                    EngineMedianSeconds = Math.Round(EngineTimer.Median(engineSeconds), 3),
                    IdealSeconds = ideal,
                    // With --latency-ms 0 (a pure engine-throughput run) the ideal is 0 and the ratio has no meaning; JSON cannot hold Infinity.
                    RatioToIdeal = ideal > 0 ? Math.Round(median / ideal, 3) : (double?)null,
                    Activities = activities,
                    ActivitiesPerSecond = Math.Round(activities / median, 1),
                    UsersPerSecond = Math.Round(count / median, 1),
                    PeakWorkingSetMiB = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
                    LargestHistoryEvents = largestHistoryInstance is null ? (int?)null : largestHistory,
                    LargestHistoryInstance = largestHistoryInstance,
                    Api429 = api.TooManyRequests,
                    ApiBans = api.BanCount,
                    ApiMaxInFlight = api.MaxInFlight,
                    Cores = Environment.ProcessorCount,
                };
                string json = JsonSerializer.Serialize(figures, BlobResultStore.Json);
                if (parse.GetValue(output) is { } file)
                {
                    await File.WriteAllTextAsync(file.FullName, json + "\n", cancellationToken);
                }

                Console.WriteLine(settings.Json
                    ? json
                    : $"{count} users, {latencyMs} ms, cap {limit}, batch {used} on {figures.Engine}: median {median:F2} s " +
                      $"(ideal {ideal:F2} s, ratio {figures.RatioToIdeal?.ToString("F2", CultureInfo.InvariantCulture) ?? "n/a"}); " +
                      $"{figures.ActivitiesPerSecond} activities/s, {figures.UsersPerSecond} users/s; peak memory {figures.PeakWorkingSetMiB} MiB; " +
                      $"largest history {figures.LargestHistoryEvents?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} events; " +
                      $"API: {api.TooManyRequests} 429, {api.BanCount} bans, max in flight {api.MaxInFlight}");
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Polls every 25 ms (the engine's own wait polls every 2 s, which would swamp a 2-second run); the plan of a timed run is
    /// small enough that each read carries it, and the read that sees the end is the status returned.
    /// </summary>
    static Task<RunStatus> PollAsync(DurableTaskClient client, string runId, CancellationToken cancellationToken) =>
        RunEndPoll.WaitAsync(client, runId, readInputs: true, _ => TimeSpan.FromMilliseconds(25), cancellationToken);
}
