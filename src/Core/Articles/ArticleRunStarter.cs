using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;

namespace Serverless.Core.Articles;

/// <summary>Starts article runs with the caps configured for this environment.</summary>
public sealed class ArticleRunStarter(IOptions<ArticleOptions> articles, IOptions<ResultStoreOptions> results, TimeProvider time)
{
    public async Task<string> StartBatchAsync(DurableTaskClient client, IReadOnlyList<string> names, string? prefix, CancellationToken cancellationToken = default)
    {
        string runId = $"articles-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        return await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ArticleBatchOrchestrator), Input(names, prefix), new StartOrchestrationOptions(runId), cancellationToken);
    }

    /// <summary>
    /// A run for one uploaded article whose id is derived from its name and content hash: the same upload again maps to the
    /// same run and is not analysed twice, while changed content gets a new run. Returns the run id and whether it started.
    /// </summary>
    public async Task<(string RunId, bool Started)> StartForUploadAsync(DurableTaskClient client, string name, string contentHash, CancellationToken cancellationToken = default)
    {
        string runId = UploadRunId(name, contentHash);
        if (await client.GetInstanceAsync(runId, cancellationToken) is { } existing
            && existing.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            return (runId, false);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ArticleBatchOrchestrator), Input([name], prefix: null), new StartOrchestrationOptions(runId), cancellationToken);
        return (runId, true);
    }

    public static string UploadRunId(string name, string contentHash) =>
        $"article-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16]}-{contentHash.ToLowerInvariant()[..Math.Min(16, contentHash.Length)]}";

    ArticleRunInput Input(IReadOnlyList<string> names, string? prefix) => new(
        names,
        prefix,
        articles.Value.Container,
        results.Value.Container,
        articles.Value.TopTerms,
        articles.Value.MaxInFlightPerRun,
        articles.Value.MaxWorkers,
        articles.Value.ChunkSize,
        articles.Value.BatchSize);
}
