using Serverless.Core.Articles;
using Serverless.Core.Users;

namespace Serverless.Core.Runs;

/// <summary>
/// The orchestrations that are runs. The task hub also holds the API limiter and the chunk sub-orchestrations of large runs, whose
/// ids are not secret (<c>api-limiter-…</c>, <c>{runId}-chunk-00001</c>); asked for by id they are no run.
/// </summary>
public static class RunOrchestrators
{
    static readonly string[] Names = [nameof(UserFetchOrchestrator), nameof(ArticleRunOrchestrator)];

    public static bool IsRun(string? orchestrationName) => Names.Contains(orchestrationName, StringComparer.Ordinal);
}
