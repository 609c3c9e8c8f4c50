using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Articles;

/// <summary>Starts article runs with the caps configured for this environment and the request's own settings.</summary>
public sealed class ArticleRunStarter(IOptions<ArticleOptions> articles, IOptions<ResultStoreOptions> results, RunStarter starter)
{
    public Task<string> StartBatchAsync(
        DurableTaskClient client,
        IReadOnlyList<string> names,
        string? prefix,
        RunSettings? settings = null,
        string? redriveOf = null,
        CancellationToken cancellationToken = default) =>
        starter.StartAsync(
            client,
            nameof(ArticleRunOrchestrator),
            starter.NewRunId(RunKinds.Articles),
            names,
            Plan(names.Count, prefix, settings ?? RunSettings.Default, redriveOf),
            cancellationToken);

    /// <summary>
    /// A run for one uploaded article whose id is derived from its name and content hash: the same upload again maps to the
    /// same run and is not analysed twice, while changed content gets a new run. Returns the run id and whether it started.
    /// </summary>
    public async Task<(string RunId, bool Started)> StartForUploadAsync(
        DurableTaskClient client, string name, string contentHash, CancellationToken cancellationToken = default)
    {
        string runId = UploadRunId(name, contentHash);
        if (await client.GetInstanceAsync(runId, cancellationToken) is { } existing
            && existing.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            return (runId, false);
        }

        await starter.StartAsync(client, nameof(ArticleRunOrchestrator), runId, [name], Plan(1, null, RunSettings.Default, null), cancellationToken);
        return (runId, true);
    }

    public static string UploadRunId(string name, string contentHash) =>
        $"article-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16]}-" +
        $"{contentHash.ToLowerInvariant()[..Math.Min(16, contentHash.Length)]}";

    /// <summary>
    /// The window counts articles: <c>MaxInFlightPerRun</c> activities of <c>BatchSize</c> articles each, so batching does not
    /// shrink the number of activities a run keeps going. Chunks hold <c>ChunkSize</c> activities' worth of articles.
    /// </summary>
    RunPlan Plan(int count, string? prefix, RunSettings settings, string? redriveOf)
    {
        ArticleOptions options = articles.Value;
        int batchSize = settings.BatchSize
            ?? (options.BatchSize > 0 ? options.BatchSize : BatchSizing.ForArticles(count, options.MaxInFlightPerRun));
        return new RunPlan(
            RunKinds.Articles,
            count,
            options.ChunkSize * batchSize,
            batchSize,
            options.MaxInFlightPerRun * batchSize,
            settings.Tolerance,
            results.Value.Container,
            Adaptive: false,
            LimiterId: null,
            redriveOf,
            prefix,
            new Dictionary<string, string>
            {
                ["Articles:MaxWorkers"] = options.MaxWorkers.ToString(CultureInfo.InvariantCulture),
                ["Articles:MaxInFlightPerRun"] = options.MaxInFlightPerRun.ToString(CultureInfo.InvariantCulture),
                ["Articles:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
                ["Articles:ChunkSize"] = options.ChunkSize.ToString(CultureInfo.InvariantCulture),
                ["Articles:TopTerms"] = options.TopTerms.ToString(CultureInfo.InvariantCulture),
                ["Articles:Container"] = options.Container,
            },
            new ArticleAnalysisSettings(options.Container, options.TopTerms));
    }
}
