using System.Globalization;
using Microsoft.DurableTask;
using Serverless.Core.Runs;
using Serverless.Core.Storage;

namespace Serverless.Core.Articles;

/// <summary>
/// One activity per article through a sliding window, fanned in to the run's folder: per-article terms,
/// failures with reasons, a corpus-level terminology and the manifest. Serves both a batch (prefix or names)
/// and a single uploaded article.
/// </summary>
public sealed class ArticleBatchOrchestrator : TaskOrchestrator<ArticleRunInput, RunSummary>
{
    public override async Task<RunSummary> RunAsync(TaskOrchestrationContext context, ArticleRunInput input)
    {
        DateTime startedAt = context.CurrentUtcDateTime;
        IReadOnlyList<string> articles = input.Articles;
        int succeeded = 0, failed = 0;

        context.SetCustomStatus(new RunProgress(RunKinds.Articles, articles.Count, 0, 0, 0));
        List<ArticleOutcome> outcomes = await SlidingWindow.RunAsync(
            articles,
            input.MaxInFlight,
            article => context.CallActivityAsync<ArticleOutcome>(
                nameof(AnalyzeArticleActivity), new AnalyzeArticleInput(context.InstanceId, input.ArticlesContainer, article, input.TopTerms)),
            (article, e) => ArticleOutcome.Failure(article, $"analysis failed: {e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}"),
            (outcome, inFlight) =>
            {
                if (outcome.Succeeded) succeeded++; else failed++;
                context.SetCustomStatus(new RunProgress(RunKinds.Articles, articles.Count, succeeded, failed, inFlight));
            });

        DateTime completedAt = context.CurrentUtcDateTime;
        RunFiles files = RunFolder.ForArticles(input.ResultsContainer, context.InstanceId);
        var manifest = new RunManifest(
            context.InstanceId,
            RunKinds.Articles,
            new RunInputDescription(articles.Count, Prefix: input.Prefix, Articles: articles),
            new Dictionary<string, string>
            {
                ["Articles:MaxWorkers"] = input.MaxWorkersPerInstance.ToString(CultureInfo.InvariantCulture),
                ["Articles:MaxInFlightPerRun"] = input.MaxInFlight.ToString(CultureInfo.InvariantCulture),
                ["Articles:TopTerms"] = input.TopTerms.ToString(CultureInfo.InvariantCulture),
                ["Articles:Container"] = input.ArticlesContainer,
            },
            startedAt,
            completedAt,
            (completedAt - startedAt).TotalSeconds,
            articles.Count,
            succeeded,
            failed,
            files);
        await context.CallActivityAsync<bool>(nameof(WriteArticleResultsActivity), new ArticleRunResults(manifest, outcomes));
        return new RunSummary(context.InstanceId, RunKinds.Articles, articles.Count, succeeded, failed, startedAt, completedAt, files);
    }
}
