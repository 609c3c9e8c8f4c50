using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Local.Runner;
using Serverless.Simulator;

namespace Serverless.Local.Commands;

/// <summary>
/// <c>demo</c>: the main job a newcomer runs, in one process. Starts the bundled simulator, fetches users at a cap,
/// uploads and analyses the sample articles, then prints a summary per run (counts, wall time, for users the ideal
/// and the ratio to it, where the results are, for articles the corpus's top terms) after checking the counts against the
/// blobs written.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var simulator = new SimulatorCliOptions();
        var users = new Option<long>("--users") { Description = "How many users to fetch (ids 1..N).", DefaultValueFactory = _ => 50 };
        var maxConcurrency = new Option<int>("--max-concurrency")
        {
            Description = "Fetches in flight at the API (UserApi:MaxConcurrency).",
            DefaultValueFactory = _ => 20,
        };

        var articles = new Option<DirectoryInfo?>("--articles")
        {
            Description = "Folder of .txt / .abstr articles (default: the repository's samples/articles).",
        };

        var maxWorkers = new Option<int?>("--max-workers")
        {
            Description = "Overrides Articles:MaxWorkers (analyses at once in this process; default: processor count).",
        };

        var noWarmUp = new Option<bool>("--no-warm-up")
        {
            Description = "Skip the untimed warm-up run (one wave of users) before the timed user run: shows a fresh process's first-run cost.",
        };

        var command = new Command(
            "demo",
            "The main job: fetch users from the bundled simulator and analyse the sample articles in one process, then check the results " +
            "against the blobs.")
        {
            users, maxConcurrency, articles, maxWorkers, noWarmUp,
        };
        common.AddTo(command);
        simulator.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            DirectoryInfo? folder = parse.GetValue(articles) ?? FindSamples();
            if (folder is null)
            {
                Console.Error.WriteLine(
                    $"samples/articles not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; pass --articles DIR.");
                return 2;
            }

            List<FileInfo>? files = ArticleRuns.FindFilesOrSay(folder);
            if (files is null)
            {
                return 2;
            }

            int cap = parse.GetValue(maxConcurrency);
            if (cap < 1)
            {
                Console.Error.WriteLine("--max-concurrency: must be at least 1.");
                return 2;
            }

            if (UserRuns.ParseRange(1, parse.GetValue(users)) is not { } userIds)
            {
                return 2;
            }

            SimulatorOptions simulatorOptions = simulator.Read(parse);
            var options = new RunnerSessionOptions
            {
                Simulator = simulatorOptions,
                MaxConcurrency = cap,
                Overrides = overrides => ArticleRuns.AddOverrides(overrides, parse.GetValue(maxWorkers)),
            };
            return await RunnerSession.RunAsync(settings, options, async session =>
            {
                // With --json stdout holds only the summaries: no started or progress lines.
                RunnerSettings watch = settings.Json ? settings with { Quiet = true } : settings;
                var store = session.Get<BlobResultStore>();
                ApiSimulator? sim = session.Simulator;
                if (!parse.GetValue(noWarmUp))
                {
                    int warmUsers = Math.Min(cap, userIds.Count);
                    TimeSpan warm = await EngineWarmUp.RunUsersAsync(session, warmUsers, cancellationToken);
                    if (!watch.Quiet)
                    {
                        Console.WriteLine(string.Create(
                            CultureInfo.InvariantCulture,
                            $"Warm-up: {warmUsers} users in {warm.TotalSeconds:F2} s (not timed; JIT, connections, queue pollers)."));
                    }
                }

                RunStatus userRun = await UserRuns.RunAsync(session, watch, userIds, RunSettings.Default, cancellationToken);
                SimulatorStats? apiStats = sim?.SnapshotCounters();
                double? ideal = sim is null ? null : Math.Ceiling(userIds.Count / (double)cap) * simulatorOptions.LatencyMs / 1000.0;
                var userSummary = new DemoRunSummary(
                    "users",
                    userRun,
                    await session.Storage.RunAsync(token => ResultsCheck.ReadAsync(store, userRun, token), cancellationToken),
                    cap,
                    sim is null ? null : simulatorOptions.LatencyMs,
                    ideal,
                    apiStats);
                if (!settings.Json)
                {
                    Console.WriteLine();
                }

                RunStatus articleRun = await ArticleRuns.UploadAndRunAsync(
                    session, watch, files, ArticleRuns.DefaultPrefix(), RunSettings.Default, cancellationToken);
                var articleSummary = new DemoRunSummary(
                    "articles",
                    articleRun,
                    await session.Storage.RunAsync(token => ResultsCheck.ReadAsync(store, articleRun, token), cancellationToken),
                    null,
                    null,
                    null,
                    null);

                DemoRunSummary[] runs = [userSummary, articleSummary];
                bool ok = runs.All(r => r.Completed && r.Check.Matches);
                if (settings.Json)
                {
                    foreach (DemoRunSummary run in runs)
                    {
                        WriteJson(run.ToJson());
                    }

                    WriteJson(new
                    {
                        @event = "demo",
                        ok,
                        allCompleted = runs.All(r => r.Completed),
                        countsMatch = runs.All(r => r.Check.Matches),
                        runs = runs.Select(r => new { r.Kind, runId = r.Status.Id, status = r.Status.Status }),
                    });
                }
                else
                {
                    WriteText(runs, ok);
                }

                return ok ? 0 : 1;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>samples/articles in the current directory or above it, else next to or above the binary.</summary>
    public static DirectoryInfo? FindSamples()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = new DirectoryInfo(Path.Combine(dir.FullName, "samples", "articles"));
                if (candidate.Exists)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    static void WriteText(IReadOnlyList<DemoRunSummary> runs, bool ok)
    {
        Console.WriteLine();
        Console.WriteLine("Summary");
        foreach (DemoRunSummary run in runs)
        {
            RunStatus s = run.Status;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {run.Kind}: run {s.Id} {s.Status}: {s.Succeeded} done, {s.Failed} failed of {s.Total} in {s.ElapsedSeconds:F2} s"));
            if (run.IdealSeconds is { } ideal)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    ideal {ideal:F2} s (ceil({s.Total}/{run.Cap}) x {run.LatencyMs} ms), ratio {run.Ratio:F2}"));
            }

            if (run.Api is { } api)
            {
                Console.WriteLine($"    API simulator saw at most {api.MaxInFlight} in flight; 429s: {api.TooManyRequests}, 403s: " +
                    $"{api.Forbidden}, bans: {api.BanCount}.");
            }

            if (s.Results is { } files)
            {
                Console.WriteLine($"    results in container '{files.Container}': {string.Join(", ", Files(files))}");
            }

            foreach (string line in RunOutput.TopTermLines(s.TopTerms, "    "))
            {
                Console.WriteLine(line);
            }

            if (s.Error is not null)
            {
                Console.WriteLine($"    error: {s.Error}");
            }

            Console.WriteLine(run.Check.Matches
                ? $"    checked against the blobs: manifest and files agree ({run.Check.SucceededLines} + {run.Check.FailedLines} lines)"
                : $"    checked against the blobs: MISMATCH: {string.Join("; ", run.Check.Problems)}");
        }

        Console.WriteLine(ok
            ? "All runs completed and their counts match the blobs written."
            : runs.All(r => r.Completed) ? "Counts disagree with the blobs written (see above)." : "A run did not complete (see above).");
    }

    static IEnumerable<string> Files(RunFiles files) =>
        new[] { files.Manifest, files.Succeeded, files.Failed, files.Terms }.OfType<string>();

    static void WriteJson(object value) => Console.WriteLine(JsonSerializer.Serialize(value, BlobResultStore.Json));

    sealed record DemoRunSummary(
        string Kind, RunStatus Status, ResultsCheck Check, int? Cap, int? LatencyMs, double? IdealSeconds, SimulatorStats? Api)
    {
        public bool Completed => Status.IsCompleted;

        public double? Ratio => IdealSeconds is > 0 and var ideal ? Math.Round(Status.ElapsedSeconds / ideal, 2) : null;

        public object ToJson() => new
        {
            @event = "run",
            kind = Kind,
            runId = Status.Id,
            status = Status.Status,
            Status.Total,
            Status.Succeeded,
            Status.Failed,
            wallSeconds = Math.Round(Status.ElapsedSeconds, 3),
            cap = Cap,
            latencyMs = LatencyMs,
            idealSeconds = IdealSeconds,
            ratio = Ratio,
            results = Status.Results,
            topTerms = Status.TopTerms,
            error = Status.Error,
            api = Api is null ? null : new { Api.MaxInFlight, Api.TooManyRequests, Api.Forbidden, Api.ServerErrors, Api.BanCount },
            verified = new
            {
                matches = Check.Matches,
                manifestFound = Check.ManifestFound,
                manifestTotal = Check.ManifestTotal,
                manifestSucceeded = Check.ManifestSucceeded,
                manifestFailed = Check.ManifestFailed,
                succeededLines = Check.SucceededLines,
                failedLines = Check.FailedLines,
                problems = Check.Problems,
            },
        };
    }
}
