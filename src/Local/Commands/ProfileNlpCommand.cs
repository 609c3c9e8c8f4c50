using System.CommandLine;
using System.Globalization;
using Serverless.Core.Terminology;
using Serverless.Core.Terminology.Evaluation;
using Serverless.Local.Tuning;

namespace Serverless.Local.Commands;

/// <summary>
/// <c>profile-nlp --data Validation.zip</c>: where the bare engine's time goes, stage by stage on one thread, next to
/// raw model inference of the same texts and the whole engine with 1 and N workers, all in one process so the
/// ratios share the machine's load. Data from the Inspec Database kindly supplied by The IET.
/// </summary>
public static class ProfileNlpCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Inspec zip (e.g. ../shared/data/inspec/Validation.zip).", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Only the first N documents." };
        var repeat = new Option<int>("--repeat") { Description = "Runs per measure; the median is reported.", DefaultValueFactory = _ => 3 };
        var command = new Command("profile-nlp", "Profile the terminology engine's stages against raw model inference.") { data, limit, repeat };
        command.SetAction(parse =>
        {
            if (InspecTexts.Load(parse.GetValue(data)!, parse.GetValue(limit)) is not { } texts)
            {
                return 2;
            }

            int runs = Math.Max(1, parse.GetValue(repeat));
            int cores = Environment.ProcessorCount;
            var extractor = new KeyphraseExtractor(new MiniLmTextEmbedder());
            extractor.Extract(texts[0], 10);
            var embedder = new MiniLmTextEmbedder();
            List<string[]> chunks = texts.Select(
                t => DocumentChunker.Chunk(DocumentTokenizer.Tokenize(t), embedder).Select(c => c.Text).ToArray()).ToList();
            var c = CultureInfo.InvariantCulture;

            var profiles = Enumerable.Range(0, runs).Select(_ => StageProfile.Measure(texts)).ToList();
            var profile = profiles.OrderBy(p => p.Total).ElementAt(runs / 2);
            double raw1 = EngineTimer.MedianSeconds(runs, () => chunks.ForEach(ch => MiniLmModel.Shared.Embed(ch)));
            Console.WriteLine(
                string.Create(c, $"\n{texts.Count} abstracts; stages on 1 thread (median pass of {runs}); raw model, same thread: {raw1:F2} s\n"));
            Console.WriteLine("| stage | seconds | share | x raw |");
            Console.WriteLine("|---|---|---|---|");
            foreach ((string stage, double seconds) in profile.Stages)
            {
                Console.WriteLine(string.Create(c, $"| {stage} | {seconds:F2} | {seconds / profile.Total:P1} | {seconds / raw1:F2} |"));
            }

            Console.WriteLine(string.Create(c, $"| total | {profile.Total:F2} | 100% | {profile.Total / raw1:F2} |"));
            Console.WriteLine(string.Create(
                c,
                $"\ncandidates {profile.Candidates} ({(double)profile.Candidates / texts.Count:F1}/doc), embedded on their own " +
                $"{profile.EmbeddedCandidates} ({(double)profile.EmbeddedCandidates / texts.Count:F1}/doc), document word pieces " +
                $"{profile.DocumentPieces}"));

            // CPU seconds of the same work on one thread: other processes sharing the cores stretch wall time, not these.
            double rawCpu = Median(runs, () => chunks.ForEach(ch => MiniLmModel.Shared.Embed(ch)));
            double engineCpu = Median(runs, () => texts.ForEach(t => extractor.Extract(t, 10)));
            var everyCandidate = new KeyphraseExtractor(new MiniLmTextEmbedder(), ranking: new RankingOptions { EmbeddedCandidates = int.MaxValue });
            double everyCpu = Median(runs, () => texts.ForEach(t => everyCandidate.Extract(t, 10)));
            Console.WriteLine(string.Create(
                c,
                $"\nCPU seconds on one thread: engine {engineCpu:F2}, raw model {rawCpu:F2}; engine / raw = {engineCpu / rawCpu:F2}; " +
                $"every candidate embedded on its own {everyCpu:F2} ({everyCpu / rawCpu:F2} x raw)"));
            double one = EngineTimer.Median(Enumerable.Range(0, runs).Select(_ => EngineTimer.Seconds(extractor, texts, 1)).ToList());
            double many = EngineTimer.Median(Enumerable.Range(0, runs).Select(_ => EngineTimer.Seconds(extractor, texts, cores)).ToList());
            double rawMany = EngineTimer.MedianSeconds(
                runs, () => Parallel.ForEach(chunks, new ParallelOptions { MaxDegreeOfParallelism = cores }, ch => MiniLmModel.Shared.Embed(ch)));
            Console.WriteLine(string.Create(
                c,
                $"wall: engine 1 worker {one:F2} s, {cores} workers {many:F2} s (speed-up {one / many:F2}); raw {cores} threads " +
                $"{rawMany:F2} s; engine / raw ({cores}) = {many / rawMany:F2}"));
            return 0;
        });
        return command;
    }

    static double Median(int runs, Action work) => EngineTimer.Median(Enumerable.Range(0, runs).Select(_ =>
    {
        var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        work();
        return (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
    }).ToList());
}
