using Microsoft.DurableTask;
using Serverless.Core.Runs;

namespace Serverless.Core.Articles;

/// <summary>
/// The analyses of one orchestration (a whole small run, or one chunk of a large one): batches of
/// <see cref="ArticleChunk.BatchSize"/> articles, one activity each, through a sliding window.
/// </summary>
public static class ArticleWindow
{
    public static async Task<List<ArticleOutcome>> RunAsync(TaskOrchestrationContext context, ArticleChunk work, Action<IReadOnlyList<ArticleOutcome>, int> completed)
    {
        List<List<ArticleOutcome>> batches = await SlidingWindow.RunAsync(
            work.Articles.Chunk(Math.Max(1, work.BatchSize)).ToList(),
            work.Window,
            batch => context.CallActivityAsync<List<ArticleOutcome>>(
                nameof(AnalyzeArticleActivity), new AnalyzeArticleInput(work.RunId, work.Container, batch, work.TopTerms)),
            (batch, e) => batch.Select(article => Crashed(article, e)).ToList(),
            completed);
        return batches.SelectMany(b => b).ToList();
    }

    public static ArticleOutcome Crashed(string article, TaskFailedException e) =>
        ArticleOutcome.Failure(article, $"analysis failed: {e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}");
}
