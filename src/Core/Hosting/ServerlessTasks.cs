using Microsoft.DurableTask;
using Serverless.Core.Articles;
using Serverless.Core.Runs.Limits;
using Serverless.Core.Storage;
using Serverless.Core.Users;

namespace Serverless.Core.Hosting;

/// <summary>Every orchestrator and activity, for hosts that run them on the Durable Task worker (local runner, tests).</summary>
public static class ServerlessTasks
{
    public static void Register(DurableTaskRegistry tasks)
    {
        tasks.AddOrchestrator<UserFetchOrchestrator>();
        tasks.AddOrchestrator<UserFetchChunkOrchestrator>();
        tasks.AddActivity<FetchUserBatchActivity>();
        tasks.AddOrchestrator<ArticleRunOrchestrator>();
        tasks.AddOrchestrator<ArticleChunkOrchestrator>();
        tasks.AddActivity<AnalyzeArticleActivity>();
        tasks.AddActivity<ReadChunkItemsActivity>();
        tasks.AddActivity<WriteRunResultsActivity>();
        tasks.AddOrchestrator<ApiLimiterOrchestrator>();
    }
}
