using Microsoft.DurableTask;

namespace Serverless.Core.Articles;

/// <summary>One chunk of a large article run, as a sub-orchestration with a history of its own.</summary>
public sealed class ArticleChunkOrchestrator : TaskOrchestrator<ArticleChunk, List<ArticleOutcome>>
{
    public override Task<List<ArticleOutcome>> RunAsync(TaskOrchestrationContext context, ArticleChunk input) =>
        ArticleWindow.RunAsync(context, input, (_, _) => { });
}
