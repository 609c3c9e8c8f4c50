using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Serverless.Core.Terminology;
using Serverless.Core.Terminology.Evaluation;

namespace Serverless.Local.Commands;

/// <summary>
/// <c>eval --data PATH_TO_ZIP [--top 15] [--workers N] [--limit N]</c>: scores the terminology extractor on
/// an Inspec split (Validation.zip, Training.zip) with the pke protocol and prints P/R/F1 at 5, 10 and 15, each
/// macro-averaged (mean over documents) and micro-averaged (totals, as the published methods report), and throughput.
/// Exits with 2 when the zip is missing. Data from the Inspec Database kindly supplied by The IET.
/// </summary>
public static class EvalCommand
{
    public static Command Create() => Create(() => new KeyphraseExtractor(new MiniLmTextEmbedder()));

    /// <summary>Builds the command around a given extractor (tests pass a fake one).</summary>
    public static Command Create(Func<ITerminologyExtractor> extractorFactory)
    {
        ArgumentNullException.ThrowIfNull(extractorFactory);
        var data = new Option<FileInfo>("--data", "-d")
        {
            Description = "Inspec zip with .abstr and .uncontr files (e.g. Validation.zip).",
            Required = true,
        };

        var top = new Option<int>("--top", "-n")
        {
            Description = "Key phrases extracted per document.",
            DefaultValueFactory = _ => KeyphraseMetrics.Cutoffs[^1],
        };

        var workers = new Option<int>("--workers", "-w")
        {
            Description = "Documents analysed in parallel (default: processor count).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };

        var limit = new Option<int?>("--limit")
        {
            Description = "Evaluate only the first N documents.",
        };

        var command = new Command("eval", "Score the terminology extractor on an Inspec split.")
        {
            data, top, workers, limit,
        };
        command.SetAction(parse =>
        {
            var zip = parse.GetRequiredValue(data);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!zip.Exists)
            {
                error.WriteLine($"Evaluation data not found: {zip.FullName}. Pass --data with the path to an Inspec zip (e.g. Validation.zip).");
                return 2;
            }

            var parallelism = parse.GetValue(workers);
            var count = parse.GetValue(top);
            if (parallelism < 1 || count < 1)
            {
                error.WriteLine("--top and --workers must be at least 1.");
                return 1;
            }

            IReadOnlyList<LabeledDocument> documents = InspecDataset.Load(zip.FullName);
            if (parse.GetValue(limit) is int n)
            {
                documents = documents.Take(n).ToList();
            }

            var extractor = extractorFactory();

            // Load the model before the clock starts so docs/s measures extraction, not start-up.
            var load = Stopwatch.StartNew();
            extractor.Extract("Warm-up text about model loading.", 1);
            load.Stop();

            var report = KeyphraseEvaluator.Evaluate(extractor, documents, count, parallelism);
            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"Inspec {zip.Name}: {report.Documents} documents, top {count}, {parallelism} worker(s)"));
            foreach (var cut in report.Cutoffs.Where(s => s.K <= count))
            {
                var (macro, micro) = (cut.Macro, cut.Micro);
                output.WriteLine(string.Create(c, $"{"@" + cut.K,-4} P {macro.Precision * 100:F2}  R {macro.Recall * 100:F2}  " +
                    $"F1 {cut.MacroF1 * 100:F2}  | micro P {micro.Precision * 100:F2}  R {micro.Recall * 100:F2}  F1 {micro.F1 * 100:F2}"));
            }

            output.WriteLine(string.Create(
                c,
                $"{report.DocumentsPerSecond:F1} docs/s ({report.Elapsed.TotalSeconds:F1} s); warm-up incl. model load " +
                $"{load.Elapsed.TotalMilliseconds:F0} ms"));
            var shape = TermShapeAudit.Measure([.. documents.Select(d => d.Text)], report.Predictions);
            output.WriteLine(string.Create(
                c,
                $"top-10 terms starting or ending with a verb (by the tagger): {shape.VerbEdged}/{shape.Terms} " +
                $"({shape.VerbEdgedShare * 100:F2} %); tagger {shape.TaggerMillisecondsPerDocument:F3} ms per document"));
            output.WriteLine("Data from the Inspec Database kindly supplied by The IET.");
            return 0;
        });
        return command;
    }
}
