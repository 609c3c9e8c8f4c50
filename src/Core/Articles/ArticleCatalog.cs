using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;

namespace Serverless.Core.Articles;

/// <summary>The articles container: listing by prefix, and uploads from the local runner.</summary>
public sealed class ArticleCatalog(BlobServiceClient blobs, IOptions<ArticleOptions> options)
{
    BlobContainerClient Container => blobs.GetBlobContainerClient(options.Value.Container);

    /// <summary>Names under <paramref name="prefix"/>, in name order, at most <paramref name="limit"/> of them.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string prefix, int limit, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        if (!await Container.ExistsAsync(cancellationToken))
        {
            return names;
        }

        await foreach (BlobItem item in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            names.Add(item.Name);
            if (names.Count >= limit)
            {
                break;
            }
        }

        return names;
    }

    public async Task UploadAsync(string name, Stream content, CancellationToken cancellationToken = default)
    {
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Container.GetBlobClient(name).UploadAsync(
            content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" } },
            cancellationToken);
    }
}
