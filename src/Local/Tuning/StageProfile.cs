using System.Diagnostics;
using Serverless.Core.Terminology;

namespace Serverless.Local.Tuning;

/// <summary>
/// The engine's per-document stages (as <see cref="KeyphraseExtractor.Analyze"/> runs them) one after the other on
/// one thread, each timed on its own, so a benchmark can say where the time between raw model inference and a full
/// extraction goes.
/// </summary>
public static class StageProfile
{
    /// <summary>Seconds per stage, in pipeline order, for one pass over <paramref name="texts"/>.</summary>
    public static StageTimings Measure(IReadOnlyList<string> texts, int top = 10)
    {
        var embedder = new MiniLmTextEmbedder();
        var options = new CandidateOptions();
        var ranking = new RankingOptions();
        var clock = new Stopwatch();
        double tokenize = 0, candidates = 0, chunk = 0, documentModel = 0, shortlisting = 0, candidateModel = 0, rank = 0;
        long candidateCount = 0, embeddedCount = 0, documentPieces = 0;

        double Lap()
        {
            var seconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            return seconds;
        }

        foreach (var text in texts)
        {
            clock.Restart();
            var document = DocumentTokenizer.Tokenize(text);
            tokenize += Lap();
            var found = AcronymLinker.Link(document, CandidateExtractor.Extract(document, options));
            candidates += Lap();
            if (found.Count == 0)
            {
                continue;
            }

            var chunks = DocumentChunker.Chunk(document, embedder);
            chunk += Lap();
            var (documentVector, inContext) = DocumentEmbedding.Embed(document, chunks, found, embedder);
            documentModel += Lap();
            var shortlist = CandidateRanker.Shortlist(new DocumentAnalysis(document, chunks, found, inContext, documentVector), ranking);
            shortlisting += Lap();
            var vectors = embedder.EmbedPhrases(shortlist.Select(c => c.Canonical).ToList());
            candidateModel += Lap();
            CandidateRanker.Rank(new DocumentAnalysis(document, chunks, shortlist, vectors, documentVector), ranking, top);
            rank += Lap();

            candidateCount += found.Count;
            embeddedCount += shortlist.Count;
            documentPieces += chunks.Sum(c => c.WordPieces);
        }

        return new StageTimings(
            [("tokenise (Lucene, title, sentences)", tokenize), ("candidates (runs, slices, stems)", candidates),
             ("chunk (sentence word-piece counts)", chunk), ("model: document windows + in-context candidate vectors", documentModel),
             ("shortlist (preliminary scores)", shortlisting), ("model: shortlisted candidates", candidateModel), ("rank + MMR", rank)],
            candidateCount, embeddedCount, documentPieces);
    }
}

/// <summary>Per-stage seconds of a <see cref="StageProfile"/> pass and the amount of model input behind them.</summary>
public sealed record StageTimings(IReadOnlyList<(string Stage, double Seconds)> Stages, long Candidates, long EmbeddedCandidates, long DocumentPieces)
{
    public double Total => Stages.Sum(s => s.Seconds);
}
