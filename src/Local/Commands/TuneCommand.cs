using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Serverless.Core.Terminology;
using Serverless.Local.Tuning;
using Serverless.Simulator;
using Spectre.Console;

namespace Serverless.Local.Commands;

/// <summary>
/// <c>tune</c>: measures this machine and an API and recommends the two workload caps. CPU: the terminology engine over
/// a fixed sample with 1 … 2 × processor count workers, the knee of the curve → <c>Articles:MaxWorkers</c>. I/O: a
/// concurrency ramp against the bundled simulator or <c>--api</c> → <c>UserApi:MaxConcurrency</c> (and a rate when the API
/// limits by rate). Writes a console table, <c>tune.json</c>, one PNG chart per workload and the config snippet to paste.
/// </summary>
public static class TuneCommand
{
    public static Command Create() => Create(() => new KeyphraseExtractor(new MiniLmTextEmbedder()));

    public static Command Create(Func<ITerminologyExtractor> extractorFactory)
    {
        var cpuOnly = new Option<bool>("--cpu-only") { Description = "Only the CPU sweep (Articles:MaxWorkers)." };
        var ioOnly = new Option<bool>("--io-only") { Description = "Only the I/O ramp (UserApi:MaxConcurrency)." };
        var api = new Option<string?>("--api")
        {
            Description = "Base URL of a real user API to ramp against (GET {api}/users/{id}). Without it the bundled simulator is started.",
        };

        var ceiling = new Option<int>("--max-concurrency")
        {
            Description = "Safety ceiling: the I/O ramp never has more requests in flight than this.",
            DefaultValueFactory = _ => 64,
        };

        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Where tune.json and the charts go.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "tune")),
        };

        var repetitions = new Option<int>("--repetitions")
        {
            Description = "CPU sweep: passes per worker count; the median is used.",
            DefaultValueFactory = _ => 3,
        };

        var maxWorkers = new Option<int?>("--max-workers") { Description = "CPU sweep: highest worker count tried (default 2 x processor count)." };
        var articles = new Option<DirectoryInfo?>("--articles")
        {
            Description = "CPU sweep: folder of .txt/.abstr articles (default: the repository's samples/articles).",
        };

        var documents = new Option<int?>("--documents")
        {
            Description = "CPU sweep: documents in the sample (paragraph runs of ~150 words; default 48, --quick 4).",
        };

        var stepSeconds = new Option<double?>("--step-seconds")
        {
            Description = "I/O ramp: seconds each concurrency level is held (default 2, --quick 0.5).",
        };

        var userIds = new Option<int>("--user-ids")
        {
            Description = "I/O ramp: requests go to users 1..N round robin.",
            DefaultValueFactory = _ => 10,
        };

        var quick = new Option<bool>("--quick")
        {
            Description = "Short run for a smoke test: 1 repetition, a few documents, up to 2 workers, 0.5 s steps. Its numbers are rough.",
        };

        var simulator = new SimulatorCliOptions();
        var command = new Command(
            "tune",
            "Measure this machine and the user API; recommend Articles:MaxWorkers and UserApi:MaxConcurrency, with charts and a config snippet.")
        {
            cpuOnly, ioOnly, api, ceiling, output, repetitions, maxWorkers, articles, documents, stepSeconds, userIds, quick,
        };
        simulator.AddTo(command);
        ceiling.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--max-concurrency must be at least 1.");
            }
        });
        command.Validators.Add(result =>
        {
            if (result.GetValue(cpuOnly) && result.GetValue(ioOnly))
            {
                result.AddError("--cpu-only and --io-only exclude each other.");
            }

            if (result.GetValue(api) is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed) && parsed.Scheme is "http" or "https"))
            {
                result.AddError($"--api must be an absolute http(s) URL; got '{url}'.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            bool isQuick = parse.GetValue(quick);
            string outDir = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(outDir);
            CpuTopology topology = CpuTopology.Detect();
            string cores = topology.Physical is { } physical
                ? $"{topology.Logical} logical, {physical} physical cores"
                : $"{topology.Logical} logical cores (physical unknown)";
            AnsiConsole.MarkupLine(
                $"[bold]Machine[/]: {Markup.Escape(RuntimeInformation.OSDescription)}, {cores} ([grey]{Markup.Escape(topology.Source)}[/])");
            var charts = new List<string>();

            CpuSweepResult? sweep = null;
            if (!parse.GetValue(ioOnly))
            {
                DirectoryInfo? folder = parse.GetValue(articles) ?? DemoCommand.FindSamples();
                if (folder is not { Exists: true })
                {
                    Console.Error.WriteLine("samples/articles not found; pass --articles DIR.");
                    return 2;
                }

                IReadOnlyList<string> texts = TuneSample.Load(folder, parse.GetValue(documents) ?? (isQuick ? 4 : 48));
                int top = parse.GetValue(maxWorkers) ?? (isQuick ? 2 : 2 * topology.Logical);
                int reps = isQuick ? 1 : Math.Max(1, parse.GetValue(repetitions));
                AnsiConsole.MarkupLine(
                    $"\n[bold]CPU[/]: {texts.Count} documents from {Markup.Escape(folder.FullName)}, 1..{top} workers, {reps} repetition(s)");
                sweep = new CpuSweep(extractorFactory(), texts).Run(top, reps,
                    run => Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  {run.Workers} worker(s), pass {run.Repetition}: {run.Seconds:F2} s, {run.DocumentsPerSecond:F1} documents/s")),
                    cancellationToken);
                WriteCpuTable(sweep);
                string chart = Path.Combine(outDir, "cpu.png");
                TuneCharts.WriteCpu(sweep, cores, chart);
                charts.Add(chart);
            }

            IoRampResult? ramp = null;
            SimulatorStats? simulated = null;
            if (!parse.GetValue(cpuOnly))
            {
                var ramping = new IoRampOptions
                {
                    MaxConcurrency = parse.GetValue(ceiling),
                    StepDuration = TimeSpan.FromSeconds(parse.GetValue(stepSeconds) ?? (isQuick ? 0.5 : 2)),
                    UserIds = Math.Max(1, parse.GetValue(userIds)),
                };
                ApiSimulator? sim = null;
                try
                {
                    Uri baseUrl;
                    if (parse.GetValue(api) is { } url)
                    {
                        baseUrl = new Uri(url.TrimEnd('/') + "/");
                        AnsiConsole.MarkupLine($"\n[yellow]Warning[/]: this sends real traffic to {Markup.Escape(baseUrl.ToString())}, " +
                            $"up to {ramping.MaxConcurrency} requests at once " +
                            "(--max-concurrency). It stops a level at the first 429 and honours Retry-After, but tune only APIs whose " +
                            "terms allow load tests.");
                    }
                    else
                    {
                        SimulatorOptions simOptions = simulator.Read(parse);
                        sim = await ApiSimulator.StartAsync(simOptions, ct: cancellationToken);
                        baseUrl = sim.BaseUrl;
                        AnsiConsole.MarkupLine($"\n[bold]I/O[/]: bundled simulator at {baseUrl} (latency {simOptions.LatencyMs} ms, " +
                            $"limit {simOptions.ConcurrencyLimit})");
                    }

                    using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
                    {
                        BaseAddress = baseUrl,
                        Timeout = Timeout.InfiniteTimeSpan,
                    };
                    ramp = await new IoRamp(http, ramping).RunAsync(
                        step => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {step.Concurrency,4} in flight: {step.Throughput,8:F1} requests/s, p50 {Ms(step.P50Ms)}, " +
                            $"{step.Throttled} x 429 -> {step.Verdict}")),
                        cancellationToken);
                    simulated = sim?.SnapshotCounters();
                }
                finally
                {
                    if (sim is not null)
                    {
                        await sim.DisposeAsync();
                    }
                }

                WriteIoTable(ramp, simulated);
                string chart = Path.Combine(outDir, "io.png");
                TuneCharts.WriteIo(ramp, chart);
                charts.Add(chart);
            }

            ConfigSnippet snippet = ConfigSnippet.Create(
                sweep?.RecommendedMaxWorkers, ramp?.RecommendedMaxConcurrency, ramp?.RecommendedRequestsPerSecond);
            var report = new TuneReport(DateTimeOffset.UtcNow, RuntimeInformation.OSDescription, topology, sweep, ramp, simulated,
                snippet.HostJson, snippet.AppSettings, charts);
            string json = Path.Combine(outDir, "tune.json");
            await report.WriteAsync(json, cancellationToken);

            AnsiConsole.MarkupLine("\n[bold]Recommendation[/]");
            if (sweep is not null)
            {
                Console.WriteLine($"  Articles:MaxWorkers = {sweep.RecommendedMaxWorkers} (knee of documents/s against workers; {cores})");
            }

            if (ramp is not null)
            {
                Console.WriteLine($"  UserApi:MaxConcurrency = {ramp.RecommendedMaxConcurrency}" +
                    (ramp.RecommendedRequestsPerSecond is { } rate
                        ? string.Create(CultureInfo.InvariantCulture, $", UserApi:RequestsPerSecond = {rate}") : "") +
                    $": {ramp.Explanation}");
            }

            Console.WriteLine("\nhost.json (merge into extensions.durableTask; per instance, so it covers both workloads):");
            Console.WriteLine(snippet.HostJsonText);
            Console.WriteLine("\nApp settings (Azure app settings, local environment variables, or local.settings.json \"Values\"):");
            Console.WriteLine(snippet.AppSettingsText);
            Console.WriteLine($"\naz functionapp config appsettings set -g <group> -n <app> --settings {snippet.AzCliArguments}");
            Console.WriteLine($"\nWrote {json}" + string.Concat(charts.Select(c => $", {c}")));
            return 0;
        });
        return command;
    }

    static string Ms(double? ms) => ms is { } v ? v.ToString("F0", CultureInfo.InvariantCulture) + " ms" : "-";

    static void WriteCpuTable(CpuSweepResult sweep)
    {
        var table = new Table().AddColumns("workers", "docs/s (median)", "passes", "gain", "");
        LevelThroughput? previous = null;
        foreach (LevelThroughput level in sweep.Knee.Levels)
        {
            string gain = previous is { } p && p.Throughput > 0
                ? (level.Throughput / p.Throughput - 1).ToString("+0.0 %;-0.0 %", CultureInfo.InvariantCulture) : "";
            table.AddRow(
                level.Level.ToString(CultureInfo.InvariantCulture),
                level.Throughput.ToString("F1", CultureInfo.InvariantCulture),
                level.Repetitions.ToString(CultureInfo.InvariantCulture),
                gain,
                level.Level == sweep.Knee.Level ? "[green]knee[/]" : "");
            previous = level;
        }

        AnsiConsole.Write(table);
    }

    static void WriteIoTable(IoRampResult ramp, SimulatorStats? simulated)
    {
        var table = new Table().AddColumns("in flight", "sent", "ok", "429", "err", "req/s", "p50", "p95", "verdict");
        foreach (IoStep step in ramp.Steps)
        {
            table.AddRow(
                step.Concurrency.ToString(CultureInfo.InvariantCulture),
                step.Requests.ToString(CultureInfo.InvariantCulture),
                step.Ok.ToString(CultureInfo.InvariantCulture),
                step.Throttled.ToString(CultureInfo.InvariantCulture),
                (step.Errors + step.Forbidden).ToString(CultureInfo.InvariantCulture),
                step.Throughput.ToString("F1", CultureInfo.InvariantCulture),
                Ms(step.P50Ms),
                Ms(step.P95Ms),
                step.Verdict == IoVerdict.Good ? "[green]good[/]" : $"[red]{step.Verdict.ToString().ToLowerInvariant()}[/]");
        }

        AnsiConsole.Write(table);
        if (simulated is not null)
        {
            Console.WriteLine($"  simulator saw {simulated.Requests} requests, {simulated.TooManyRequests} x 429, peak " +
                $"{simulated.MaxInFlight} in flight, bans: {simulated.BanCount}");
        }
    }
}
