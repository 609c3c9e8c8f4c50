using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Users;

/// <summary>One chunk of a large user-fetch run, as a sub-orchestration with a history of its own.</summary>
public sealed class UserFetchChunkOrchestrator : TaskOrchestrator<ChunkWork, ChunkReport>
{
    public override Task<ChunkReport> RunAsync(TaskOrchestrationContext context, ChunkWork input) =>
        FanOutChunk.RunAsChunkAsync<int>(context, input, nameof(FetchUserBatchActivity));
}
