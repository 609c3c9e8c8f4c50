using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Core.Articles;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Core.Terminology;
using Serverless.Core.Terminology.Evaluation;
using Serverless.Local.Runner;
using Serverless.Local.Tuning;

namespace Serverless.Local.Commands;

/// <summary>
/// <c>bench-nlp --data Validation.zip</c>: the terminology engine's throughput with 1 and N workers (bare, Parallel.ForEach),
/// the same documents as one orchestrated article run in this process, and raw ONNX Runtime inference over the same texts.
/// Figures are medians of <c>--repeat</c> runs after a warm-up. Data from the Inspec Database kindly supplied by The IET.
/// </summary>
public static class BenchNlpCommand
{
    static readonly TimeSpan EndPollInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var common = new CommonOptions();
        var data = new Option<FileInfo>("--data") { Description = "Inspec zip (e.g. ../shared/data/inspec/Validation.zip).", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Only the first N documents." };
        var repeat = new Option<int>("--repeat") { Description = "Runs per measure; the median is reported.", DefaultValueFactory = _ => 3 };
        var output = new Option<FileInfo?>("--output") { Description = "Also write the figures as JSON here." };
        var command = new Command("bench-nlp", "Benchmark the terminology engine: 1 vs N workers, orchestrated vs bare, against raw model inference.")
        {
            data, limit, repeat, output,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (InspecTexts.Load(parse.GetValue(data)!, parse.GetValue(limit)) is not { } texts)
            {
                return 2;
            }

            int runs = Math.Max(1, parse.GetValue(repeat));
            int cores = Environment.ProcessorCount;
            var extractor = new KeyphraseExtractor(new MiniLmTextEmbedder());
            extractor.Extract(texts[0], 10); // loads the model once, outside every measure
            long wordPieces = texts.Sum(t => (long)MiniLmModel.Shared.CountWordPieces(t));

            // In turns, so a machine that slows down or speeds up during the measure moves both alike; all of one and then all of
            // the other would put a drift of a few percent into their ratio.
            var oneWorker = new List<double>();
            var allWorkers = new List<double>();
            for (int run = 0; run < runs; run++)
            {
                oneWorker.Add(EngineTimer.Seconds(extractor, texts, 1));
                allWorkers.Add(EngineTimer.Seconds(extractor, texts, cores));
            }

            double one = EngineTimer.Median(oneWorker);
            double many = EngineTimer.Median(allWorkers);
            // The model sees each text once, in the same window-sized chunks the engine embeds for the document vector.
            var embedder = new MiniLmTextEmbedder();
            List<string[]> chunks = texts.Select(
                t => DocumentChunker.Chunk(DocumentTokenizer.Tokenize(t), embedder).Select(c => c.Text).ToArray()).ToList();
            double model = EngineTimer.MedianSeconds(
                runs, () => Parallel.ForEach(chunks, new ParallelOptions { MaxDegreeOfParallelism = cores }, c => MiniLmModel.Shared.Embed(c)));
            RunnerSettings settings = common.Read(parse);
            var articleOptions = Options.Create(new ArticleOptions { MaxWorkers = cores });
            var catalog = new ArticleCatalog(new BlobServiceClient(settings.Storage), articleOptions);
            (string prefix, IReadOnlyList<string> names) = await UploadAsync(catalog, texts, cancellationToken);
            var analyzer = new ArticleAnalyzer(new BlobServiceClient(settings.Storage), extractor, new AnalysisGate(articleOptions), articleOptions);
            // In the groups, and with the groups in hand, that an article batch uses.
            double withStorage = await EngineTimer.MedianSecondsAsync(runs, () =>
                Parallel.ForEachAsync(ExtractionGroups.Split(names.Count, cores), new ParallelOptions { MaxDegreeOfParallelism = cores + 1 },
                async (group, ct) => await analyzer.AnalyzeAllAsync(articleOptions.Value.Container, names.Take(group).ToList(), 10, ct)));
            (double orchestrated, _) = await OrchestratedAsync(settings, names, prefix, runs, batchSize: 1, bareInTurns: null, cancellationToken);
            // 0: the run chooses its batch size, as it does for a user who sets none. The bare engine is timed again in turns with
            // these runs, minutes after its first timing: this machine's speed drifts by more than the goal's margin in that time.
            (double batched, double bareInTurns) = await OrchestratedAsync(
                settings, names, prefix, runs, batchSize: 0, bareInTurns: () => EngineTimer.Seconds(extractor, texts, cores), cancellationToken);

            var rows = new (string Measure, double Seconds, string Note)[]
            {
                ("engine, 1 worker (Parallel.ForEach)", one, "baseline"),
                ($"engine, {cores} workers (Parallel.ForEach)", many, $"speed-up {one / many:F2} (goal >= 1.85 on 2 cores)"),
                (
                    $"engine, {cores} workers, each text read from Blob Storage (Azurite, on the same cores)",
                    withStorage,
                    $"{withStorage / many:F2} x bare {cores} workers: storage's share"),
                (
                    $"orchestrated article run, one activity per article, Articles:MaxWorkers={cores}",
                    orchestrated,
                    $"{orchestrated / many:F2} x bare {cores} workers (goal <= 1.10); {orchestrated / withStorage:F2} x with storage"),
                (
                    "orchestrated article run, default batching (Articles:BatchSize=0)",
                    batched,
                    $"{batched / bareInTurns:F2} x bare {cores} workers timed in turns with it (goal <= 1.15); "
                    + $"{batched / many:F2} x the first bare timing; {batched / withStorage:F2} x with storage"),
                (
                    $"engine, {cores} workers, timed in turns with the default-batching runs (engine idle in the process)",
                    bareInTurns,
                    "baseline of the row above"),
                (
                    $"raw ONNX Runtime inference, each text once (chunked), {cores} threads",
                    model,
                    $"engine costs {many / model:F1} x the model's own limit"),
            };
            Console.WriteLine($"\n{texts.Count} Inspec validation abstracts, {wordPieces} word pieces; median of {runs}; {cores} logical cores\n");
            Console.WriteLine("| measure | seconds | docs/s | word pieces/s | note |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach ((string measure, double seconds, string note) in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {measure} | {seconds:F2} | {texts.Count / seconds:F1} | {wordPieces / seconds:F0} | {note} |"));
            }

            if (parse.GetValue(output) is { } file)
            {
                file.Directory?.Create();
                await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(new
                {
                    documents = texts.Count, wordPieces, cores, runs,
                    rows = rows.Select(r =>
                        new { r.Measure, r.Seconds, docsPerSecond = texts.Count / r.Seconds, wordPiecesPerSecond = wordPieces / r.Seconds, r.Note }),
                }, BlobResultStore.Json), cancellationToken);
            }

            return 0;
        });
        return command;
    }

    static async Task<(string Prefix, IReadOnlyList<string> Names)> UploadAsync(
        ArticleCatalog catalog, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        string prefix = $"bench/{DateTime.UtcNow:yyyyMMdd-HHmmss}/";
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, texts.Count), parallel, async (i, ct) =>
        {
            using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(texts[i]));
            await catalog.UploadAsync($"{prefix}{i:D4}.abstr", content, ct);
        });
        return (prefix, await catalog.ListAsync(prefix, int.MaxValue, cancellationToken));
    }

    /// <summary>
    /// The texts as an article run on the engine in this process: the median seconds from a run's creation to its results written,
    /// and, when <paramref name="bareInTurns"/> is given, the median of its timings, one before each timed run.
    /// </summary>
    static async Task<(double Orchestrated, double BareInTurns)> OrchestratedAsync(
        RunnerSettings settings,
        IReadOnlyList<string> names,
        string prefix,
        int runs,
        int batchSize,
        Func<double>? bareInTurns,
        CancellationToken cancellationToken)
    {
        var options = new RunnerSessionOptions
        {
            Overrides = overrides =>
            {
                overrides["Articles:MaxWorkers"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
                overrides["Articles:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture);
            },
        };
        await using RunnerSession session = await RunnerSession.StartAsync(settings, options, cancellationToken)
            ?? throw new InvalidOperationException("Azurite is not running (see above).");
        var starter = session.Get<ArticleRunStarter>();
        var seconds = new List<double>();
        var bare = new List<double>();
        // One untimed run first, as the bare engine is timed warm: a process's first orchestrated runs of a kind still compile
        // their path (1–8 s of JIT in each of the first two runs of a fresh process, under 0.3 s from the fifth on).
        for (int run = -1; run < runs; run++)
        {
            if (run >= 0 && bareInTurns is not null)
            {
                bare.Add(bareInTurns());
            }

            string runId = await starter.StartBatchAsync(session.Client, names, prefix, cancellationToken: cancellationToken);
            // Timed by the engine (creation to results written), so how soon the end is seen does not count; how much the reads
            // cost does, on the cores the run uses (each read of its status with progress would carry the plan of 500 names): one a
            // second, about 12 a run instead of the 55 a watcher's pace makes.
            RunStatus status = await RunEndPoll.WaitAsync(session.Client, runId, readInputs: false, _ => EndPollInterval, cancellationToken);
            if (status.Succeeded != names.Count)
            {
                throw new InvalidOperationException($"orchestrated run {runId} analysed {status.Succeeded} of {names.Count}");
            }

            if (run >= 0)
            {
                seconds.Add(status.ElapsedSeconds);
            }
        }

        return (EngineTimer.Median(seconds), bare.Count > 0 ? EngineTimer.Median(bare) : double.NaN);
    }
}
