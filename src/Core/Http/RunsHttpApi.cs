using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Core.Articles;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Users;

namespace Serverless.Core.Http;

/// <summary>
/// The HTTP API behind the Functions app's triggers (and any other ASP.NET Core host):
/// each function only hands its request and its Durable client to a method here.
/// </summary>
public sealed class RunsHttpApi(
    UserFetchStarter userFetch,
    ArticleRunStarter articleRuns,
    ArticleCatalog articles,
    IOptions<UserFetchOptions> fetchOptions,
    IOptions<ArticleOptions> articleOptions,
    TimeProvider time)
{
    /// <summary>Large enough for <see cref="UserFetchOptions.MaxUsersPerRun"/> ids written plainly; beyond it we refuse to buffer.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    public async Task<IActionResult> StartUserFetchAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        byte[]? body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return TooLarge();
        }

        UserFetchRequestParser.Result parsed = UserFetchRequestParser.Parse(body, fetchOptions.Value.MaxUsersPerRun);
        if (parsed.Error is { } error)
        {
            return Problems.BadRequest(error);
        }

        string runId = await userFetch.StartAsync(client, parsed.UserIds!, cancellationToken);
        return Accepted(request, runId, parsed.UserIds!.Count);
    }

    /// <summary>A prefix with no articles under it is a 400 naming <c>prefix</c>: an empty run would only hide the typo.</summary>
    public async Task<IActionResult> StartArticleAnalysisAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        byte[]? body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return TooLarge();
        }

        int max = articleOptions.Value.MaxArticlesPerRun;
        ArticleAnalyzeRequestParser.Result parsed = ArticleAnalyzeRequestParser.Parse(body, max);
        if (parsed.Error is { } error)
        {
            return Problems.BadRequest(error);
        }

        IReadOnlyList<string> names = parsed.BlobNames ?? await articles.ListAsync(parsed.Prefix!, max + 1, cancellationToken);
        if (names.Count == 0)
        {
            return Problems.BadRequest(new FieldError("prefix", $"No articles under prefix '{parsed.Prefix}' in container '{articleOptions.Value.Container}'."));
        }

        if (names.Count > max)
        {
            return Problems.BadRequest(new FieldError("prefix", $"More than {max} articles under prefix '{parsed.Prefix}' (Articles:MaxArticlesPerRun); narrow the prefix."));
        }

        string runId = await articleRuns.StartBatchAsync(client, names, parsed.Prefix, cancellationToken);
        return Accepted(request, runId, names.Count);
    }

    public async Task<IActionResult> GetRunAsync(HttpRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        RunStatus? status = string.IsNullOrWhiteSpace(runId) ? null : await RunStatusReader.ReadAsync(client, runId, time, cancellationToken);
        return status is null ? Problems.NotFound($"No run with id '{runId}'.") : new OkObjectResult(status);
    }

    public static string StatusUrl(HttpRequest request, string runId) =>
        $"{request.Scheme}://{request.Host}/api/runs/{Uri.EscapeDataString(runId)}";

    static AcceptedResult Accepted(HttpRequest request, string runId, int total)
    {
        string statusUrl = StatusUrl(request, runId);
        return new AcceptedResult(statusUrl, new RunAccepted(runId, statusUrl, total));
    }

    static IActionResult TooLarge() => Problems.BadRequest(new FieldError("body", $"The request body is larger than {MaxBodyBytes} bytes."));

    static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
