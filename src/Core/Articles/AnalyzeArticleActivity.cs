using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Storage;
using Serverless.Core.Terminology;

namespace Serverless.Core.Articles;

/// <summary>
/// Analyses a batch of articles, writes their outcomes to the batch's part blob (or, for a run of one batch, the run's results)
/// and returns the counts. The articles go to the engine in groups (<see cref="ExtractionGroups"/>: their model calls are
/// shared), each group in one of the instance's analysis slots (the per-instance CPU cap is the analyzer's gate), with one more
/// group in hand than there are slots: a batch left alone at the end of a run still fills every slot, and one group's reads
/// overlap the others' analyses.
/// </summary>
public sealed class AnalyzeArticleActivity(ArticleAnalyzer analyzer, AnalysisGate gate, BatchOutcomeWriter writer)
    : TaskActivity<WorkBatch<string>, BatchReport>
{
    public override async Task<BatchReport> RunAsync(TaskActivityContext context, WorkBatch<string> input)
    {
        if (await writer.IsRunFinishedAsync(input)) return BatchOutcomeWriter.Nothing;
        ArticleAnalysisSettings settings = input.Articles ?? throw new ArgumentException(
            "An article batch carries its run's analysis settings.", nameof(input));
        var outcomes = new ArticleOutcome[input.Items.Count];
        await Parallel.ForEachAsync(
            ExtractionGroups.Split(outcomes.Length, gate.MaxWorkers),
            new ParallelOptions { MaxDegreeOfParallelism = gate.MaxWorkers + 1 },
            async (group, ct) =>
            {
                IReadOnlyList<string> articles = input.Items.Take(group).ToList();
                ArticleOutcome[] analysed = await analyzer.AnalyzeAllAsync(settings.Container, articles, settings.TopTerms, ct);
                analysed.CopyTo(outcomes, group.Start.Value);
            });

        return await writer.WriteAsync(input, outcomes, new BatchReport(outcomes.Count(o => o.Succeeded), outcomes.Count(o => !o.Succeeded), 0));
    }
}
