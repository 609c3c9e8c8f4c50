using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Articles;

/// <summary>One chunk of a large article run, as a sub-orchestration with a history of its own.</summary>
public sealed class ArticleChunkOrchestrator : TaskOrchestrator<ChunkWork, ChunkReport>
{
    public override Task<ChunkReport> RunAsync(TaskOrchestrationContext context, ChunkWork input) =>
        FanOutChunk.RunAsChunkAsync<string>(context, input, nameof(AnalyzeArticleActivity));
}
