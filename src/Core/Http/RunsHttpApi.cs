using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Core.Articles;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Core.Users;

namespace Serverless.Core.Http;

/// <summary>
/// The HTTP API behind the Functions app's triggers (and any other ASP.NET Core host):
/// each function only hands its request and its Durable client to a method here.
/// </summary>
public sealed class RunsHttpApi(
    UserFetchStarter userFetch,
    ArticleRunStarter articleRuns,
    RunControl control,
    ArticleCatalog articles,
    BlobResultStore results,
    IOptions<UserFetchOptions> fetchOptions,
    IOptions<ArticleOptions> articleOptions,
    TimeProvider time)
{
    /// <summary>Large enough for <see cref="UserFetchOptions.MaxUsersPerRun"/> ids written plainly; beyond it we refuse to buffer.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Failures listed by <c>GET /api/runs/{id}/failures</c> unless <c>?limit=</c> asks for fewer (or more, up to
    /// <see cref="MaxFailuresListed"/>).
    /// </summary>
    public const int DefaultFailuresListed = 100;

    public const int MaxFailuresListed = 1000;

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

        RunSettingsParser.Result settings = RunSettingsParser.Parse(body);
        if (settings.Error is { } settingsError)
        {
            return Problems.BadRequest(settingsError);
        }

        string runId = await userFetch.StartAsync(client, parsed.UserIds!, settings.Settings, cancellationToken: cancellationToken);
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

        RunSettingsParser.Result settings = RunSettingsParser.Parse(body);
        if (settings.Error is { } settingsError)
        {
            return Problems.BadRequest(settingsError);
        }

        IReadOnlyList<string> names = parsed.BlobNames ?? await articles.ListAsync(parsed.Prefix!, max + 1, cancellationToken);
        if (names.Count == 0)
        {
            return Problems.BadRequest(
                new FieldError("prefix", $"No articles under prefix '{parsed.Prefix}' in container '{articleOptions.Value.Container}'."));
        }

        if (names.Count > max)
        {
            return Problems.BadRequest(new FieldError(
                "prefix", $"More than {max} articles under prefix '{parsed.Prefix}' (Articles:MaxArticlesPerRun); narrow the prefix."));
        }

        string runId = await articleRuns.StartBatchAsync(client, names, parsed.Prefix, settings.Settings, cancellationToken: cancellationToken);
        return Accepted(request, runId, names.Count);
    }

    /// <summary>
    /// <c>GET /api/runs/{id}</c>: the run's progress; once an article run has finished, also its <see cref="TopTerm.Shown"/> best terms
    /// (read once per call from the head of its terms file, which the status page lists).
    /// </summary>
    public async Task<IActionResult> GetRunAsync(HttpRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        RunStatus? status = string.IsNullOrWhiteSpace(runId) ? null : await RunStatusReader.ReadAsync(client, runId, time, cancellationToken);
        if (status is null)
        {
            return Problems.NotFound($"No run with id '{runId}'.");
        }

        // Running: 202 with where and when to ask again, so a client that polls by HTTP's conventions alone waits for the end.
        return status.IsFinished
            ? new OkObjectResult(await TopTerm.WithTopTermsAsync(status, results, cancellationToken))
            : new PollAgainResult(StatusUrl(request, runId), RunPollInterval.SecondsFor(status.ElapsedSeconds), status);
    }

    /// <summary>
    /// <c>POST /api/runs/{id}/cancel</c>: the run stops scheduling, lets in-flight work finish and writes a manifest marked cancelled.
    /// 202 with the status URL; 404 for no such run; 409 when it has already finished.
    /// </summary>
    public async Task<IActionResult> CancelRunAsync(HttpRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        RunControlResult result = await control.CancelAsync(client, runId, cancellationToken);
        return result.ErrorStatus is { } status
            ? Problems.Status(status, result.Error!)
            : new PollAgainResult(
                StatusUrl(request, runId), RunPollInterval.MinSeconds, new { runId, status = "cancelling", statusUrl = StatusUrl(request, runId) });
    }

    /// <summary>
    /// <c>POST /api/runs/{id}/redrive</c>: a new run over only the failed items of a finished run, its manifest linked to the old one.
    /// 202 like a start; 404 for no such run; 409 when it has not finished or has nothing failed.
    /// </summary>
    public async Task<IActionResult> RedriveRunAsync(HttpRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        RunControlResult result = await control.RedriveAsync(client, runId, cancellationToken);
        return result.ErrorStatus is { } status ? Problems.Status(status, result.Error!) : Accepted(request, result.RunId!, result.Count);
    }

    /// <summary><c>GET /api/runs/{id}/view</c>: the status page, which polls <see cref="GetRunAsync"/> itself.</summary>
    public async Task<IActionResult> GetRunViewAsync(HttpRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        RunStatus? status = await ReadAsync(runId, client, cancellationToken);
        if (status is null)
        {
            return Problems.NotFound($"No run with id '{runId}'.");
        }

        return new HtmlPageResult(RunStatusPage.Render(status), RunStatusPage.ContentSecurityPolicy);
    }

    /// <summary>
    /// <c>GET /api/runs/{id}/failures?limit=N</c>: the first N lines of the run's failed.ndjson (users or articles with the reason).
    /// The file is written when the run completes; before that the list is empty and <c>finished</c> is false.
    /// </summary>
    public async Task<IActionResult> GetRunFailuresAsync(
        HttpRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        int limit = DefaultFailuresListed;
        if (request.Query.TryGetValue("limit", out var raw) && raw.Count > 0)
        {
            if (!int.TryParse(raw[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit)
                || limit < 1 || limit > MaxFailuresListed)
            {
                return Problems.BadRequest(new FieldError("limit", $"limit must be a whole number from 1 to {MaxFailuresListed}."));
            }
        }

        RunStatus? status = await ReadAsync(runId, client, cancellationToken);
        if (status is null)
        {
            return Problems.NotFound($"No run with id '{runId}'.");
        }

        IReadOnlyList<System.Text.Json.JsonElement> failures = status.Results is { } files
            ? await results.ReadNdjsonHeadAsync(files.Container, files.Failed, limit, cancellationToken)
            : [];
        return new OkObjectResult(new RunFailures(status.Id, status.Status, status.Results is not null, status.Failed, limit, failures));
    }

    /// <summary>
    /// <c>GET /api/runs/{id}/files/{file}</c>: one of the run's own result files, streamed with the content type it was written with.
    /// <paramref name="file"/> is a key of the run's files (<c>manifest</c>, <c>succeeded</c>, <c>failed</c>, <c>terms</c>) or that file's
    /// own name (e.g. <c>users.ndjson</c>); anything else is a 404, so no other blob can be reached through it.
    /// </summary>
    public async Task<IActionResult> GetRunFileAsync(
        HttpRequest request, string runId, string file, DurableTaskClient client, CancellationToken cancellationToken)
    {
        RunStatus? status = await ReadAsync(runId, client, cancellationToken);
        if (status is null)
        {
            return Problems.NotFound($"No run with id '{runId}'.");
        }

        if (status.Results is not { } files)
        {
            return Problems.NotFound($"Run '{runId}' has no result files yet (status {status.Status}).");
        }

        if (RunFileNames.Resolve(files, file) is not { } blobName
            || await results.OpenReadAsync(files.Container, blobName, cancellationToken) is not { } blob)
        {
            return Problems.NotFound($"Run '{runId}' has no file '{file}'; it has {string.Join(", ", RunFileNames.Keys(files))}.");
        }

        return new FileStreamResult(blob.Content, blob.ContentType);
    }

    async Task<RunStatus?> ReadAsync(string runId, DurableTaskClient client, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(runId) ? null : await RunStatusReader.ReadAsync(client, runId, time, cancellationToken);

    public static string StatusUrl(HttpRequest request, string runId) =>
        $"{request.Scheme}://{request.Host}/api/runs/{Uri.EscapeDataString(runId)}";

    static PollAgainResult Accepted(HttpRequest request, string runId, int total)
    {
        string statusUrl = StatusUrl(request, runId);
        return new PollAgainResult(statusUrl, RunPollInterval.MinSeconds, new RunAccepted(runId, statusUrl, total));
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
