namespace Serverless.Core.Http;

/// <summary>
/// The HTTP API's routes, once: the Functions' trigger attributes take the constants (relative to the host's <c>api</c>
/// prefix), and the runner's <c>serve</c> maps <see cref="All"/> under <see cref="Prefix"/>.
/// </summary>
public static class RunRoutes
{
    public const string Prefix = "api";

    public const string Get = "get";

    public const string Post = "post";

    public const string StartUserFetch = "users/fetch";

    public const string StartArticleAnalysis = "articles/analyze";

    public const string Run = "runs/{id}";

    public const string RunView = "runs/{id}/view";

    public const string RunFailures = "runs/{id}/failures";

    public const string RunFile = "runs/{id}/files/{file}";

    public const string CancelRun = "runs/{id}/cancel";

    public const string RedriveRun = "runs/{id}/redrive";

    /// <summary>Every route with its method, by the Functions' function names.</summary>
    public static IReadOnlyList<RunRoute> All { get; } =
    [
        new("StartUserFetch", Post, StartUserFetch),
        new("StartArticleAnalysis", Post, StartArticleAnalysis),
        new("GetRun", Get, Run),
        new("GetRunView", Get, RunView),
        new("GetRunFailures", Get, RunFailures),
        new("GetRunFile", Get, RunFile),
        new("CancelRun", Post, CancelRun),
        new("RedriveRun", Post, RedriveRun),
    ];
}

/// <summary>One route of the HTTP API: the function's name, its method and its template below the <c>api</c> prefix.</summary>
public sealed record RunRoute(string Name, string Method, string Template);
