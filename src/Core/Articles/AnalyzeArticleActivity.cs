using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Storage;

namespace Serverless.Core.Articles;

/// <summary>
/// Analyses a batch of articles, writes their outcomes to the batch's part blob (or, for a run of one batch, the run's results)
/// and returns the counts. Up to one more article than the instance has analysis slots is in hand at once (the per-instance CPU
/// cap is the analyzer's gate): a batch left alone at the end of a run still fills every slot, and one article's read overlaps
/// the others' analyses.
/// </summary>
public sealed class AnalyzeArticleActivity(ArticleAnalyzer analyzer, AnalysisGate gate, BatchOutcomeWriter writer)
    : TaskActivity<WorkBatch<string>, BatchReport>
{
    public override async Task<BatchReport> RunAsync(TaskActivityContext context, WorkBatch<string> input)
    {
        ArticleAnalysisSettings settings = input.Articles ?? throw new ArgumentException(
            "An article batch carries its run's analysis settings.", nameof(input));
        var outcomes = new ArticleOutcome[input.Items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, outcomes.Length),
            new ParallelOptions { MaxDegreeOfParallelism = gate.MaxWorkers + 1 },
            async (i, ct) => outcomes[i] = await analyzer.AnalyzeAsync(settings.Container, input.Items[i], settings.TopTerms, ct));

        return await writer.WriteAsync(input, outcomes, new BatchReport(outcomes.Count(o => o.Succeeded), outcomes.Count(o => !o.Succeeded), 0));
    }
}
