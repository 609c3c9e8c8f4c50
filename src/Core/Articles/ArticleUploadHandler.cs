using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;

namespace Serverless.Core.Articles;

/// <summary>What the blob-upload trigger does: start (or skip, if already done) the run for one uploaded article.</summary>
public sealed class ArticleUploadHandler(ArticleRunStarter starter, IOptions<ArticleOptions> options, ILogger<ArticleUploadHandler> log)
{
    public async Task<(string RunId, bool Started)> HandleAsync(
        BlobClient blob, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        string hash = await ContentHashAsync(blob, cancellationToken);
        (string runId, bool started) = await starter.StartForUploadAsync(client, blob.Name, hash, cancellationToken);
        log.LogInformation(
            started ? "Article {Name} uploaded: run {RunId} started" : "Article {Name} unchanged: run {RunId} exists, not analysed again",
            blob.Name,
            runId);
        return (runId, started);
    }

    /// <summary>
    /// The hash the service keeps (MD5 of a single-shot upload) when there is one; otherwise SHA-256 of the content,
    /// read only when it is within the size limit (a too-large article is identified by size and ETag, and the run
    /// records it as rejected without downloading it).
    /// </summary>
    async Task<string> ContentHashAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        if (properties.ContentHash is { Length: > 0 } md5)
        {
            return Convert.ToHexStringLower(md5);
        }

        if (properties.ContentLength > options.Value.MaxArticleBytes)
        {
            return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{properties.ContentLength}:{properties.ETag}")));
        }

        await using Stream content = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
    }
}
