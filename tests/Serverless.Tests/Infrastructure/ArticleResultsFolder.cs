using System.Text.Json;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Core.Storage;

namespace Serverless.Tests.Infrastructure;

/// <summary>A finished article run's folder, read back from Blob Storage.</summary>
public sealed record ArticleResultsFolder(
    RunManifest Manifest, IReadOnlyList<ArticleTermsLine> Articles, IReadOnlyList<FailedArticle> Failed, IReadOnlyList<CorpusTerm> Terms)
{
    public static async Task<ArticleResultsFolder> ReadAsync(BlobResultStore store, string runId)
    {
        RunManifest manifest = await store.ReadManifestAsync("results", runId) ?? throw new InvalidOperationException("no manifest for " + runId);
        RunFiles files = manifest.Files;
        return new ArticleResultsFolder(
            manifest,
            Lines<ArticleTermsLine>(await store.ReadTextAsync(files.Container, files.Succeeded)),
            Lines<FailedArticle>(await store.ReadTextAsync(files.Container, files.Failed)),
            JsonSerializer.Deserialize<List<CorpusTerm>>(await store.ReadTextAsync(files.Container, files.Terms!), BlobResultStore.Json)!);
    }

    public string ReasonFor(string article) => Failed.Single(f => f.Article == article).Reason;

    static List<T> Lines<T>(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<T>(l, BlobResultStore.Json)!).ToList();
}
