using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Articles;
using Serverless.Core.Runs;

namespace Serverless.Core.Storage;

/// <summary>
/// Writes a run's folder. Each blob is one upload, which Blob Storage commits atomically, so a reader sees
/// the whole file or none of it; the manifest goes last. Content is a pure function of the results
/// (sorted by item), so the fan-in activity may run twice and write the same bytes.
/// </summary>
public sealed class BlobResultStore(BlobServiceClient service)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };
    static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    const string Ndjson = "application/x-ndjson";
    readonly ConcurrentDictionary<string, Task> createdContainers = new();

    public Task WriteUserRunAsync(UserRunResults results, CancellationToken cancellationToken = default)
    {
        var ordered = results.Outcomes.OrderBy(o => o.UserId).ToList();
        // The API's own JSON, one user per line (the client already compacted it to a single line).
        string users = string.Concat(ordered.Where(o => o.Succeeded).Select(o => o.UserJson + "\n"));
        string failed = ToNdjson(ordered.Where(o => !o.Succeeded).Select(o => new FailedItem(o.UserId, o.Reason ?? "unknown", o.Attempts, o.StatusCode)));
        RunFiles files = results.Manifest.Files;
        return WriteRunAsync(results.Manifest, [(files.Succeeded, users, Ndjson), (files.Failed, failed, Ndjson)], cancellationToken);
    }

    public Task WriteArticleRunAsync(ArticleRunResults results, CancellationToken cancellationToken = default)
    {
        var ordered = results.Outcomes.OrderBy(o => o.Article, StringComparer.Ordinal).ToList();
        string articles = ToNdjson(ordered.Where(o => o.Succeeded).Select(o => new ArticleTermsLine(o.Article, o.TokenCount, o.ChunkCount, o.Terms)));
        string failed = ToNdjson(ordered.Where(o => !o.Succeeded).Select(o => new FailedArticle(o.Article, o.Reason ?? "unknown")));
        string terms = JsonSerializer.Serialize(CorpusTerminology.Merge(ordered), IndentedJson);
        RunFiles files = results.Manifest.Files;
        return WriteRunAsync(
            results.Manifest,
            [(files.Succeeded, articles, Ndjson), (files.Failed, failed, Ndjson), (files.Terms!, terms, "application/json")],
            cancellationToken);
    }

    public async Task<RunManifest?> ReadManifestAsync(string container, string runId, CancellationToken cancellationToken = default)
    {
        BlobClient blob = service.GetBlobContainerClient(container).GetBlobClient(RunFolder.ManifestOf(runId));
        if (!await blob.ExistsAsync(cancellationToken))
        {
            return null;
        }

        BlobDownloadResult content = await blob.DownloadContentAsync(cancellationToken);
        return content.Content.ToObjectFromJson<RunManifest>(Json);
    }

    public async Task<string> ReadTextAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobDownloadResult content = await service.GetBlobContainerClient(container).GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
        return content.Content.ToString();
    }

    /// <summary>Opens one blob for streaming, with the content type it was written with; null when it does not exist.</summary>
    public async Task<(Stream Content, string ContentType)?> OpenReadAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobClient blob = service.GetBlobContainerClient(container).GetBlobClient(blobName);
        try
        {
            BlobDownloadStreamingResult download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            string contentType = download.Details.ContentType is { Length: > 0 } type ? type : "application/octet-stream";
            return (download.Content, contentType);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The first <paramref name="limit"/> lines of an NDJSON blob, each parsed, without downloading the rest; empty when it does not exist.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadNdjsonHeadAsync(string container, string blobName, int limit, CancellationToken cancellationToken = default)
    {
        var lines = new List<JsonElement>();
        if (await OpenReadAsync(container, blobName, cancellationToken) is not { } blob)
        {
            return lines;
        }

        await using Stream content = blob.Content;
        using var reader = new StreamReader(content, Encoding.UTF8);
        while (lines.Count < limit && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                using JsonDocument document = JsonDocument.Parse(line);
                lines.Add(document.RootElement.Clone());
            }
        }

        return lines;
    }

    async Task WriteRunAsync(RunManifest manifest, IEnumerable<(string Name, string Content, string ContentType)> files, CancellationToken cancellationToken)
    {
        BlobContainerClient container = await ContainerAsync(manifest.Files.Container, cancellationToken);
        foreach ((string name, string content, string contentType) in files)
        {
            await UploadAsync(container, name, content, contentType, cancellationToken);
        }

        await UploadAsync(container, manifest.Files.Manifest, JsonSerializer.Serialize(manifest, IndentedJson), "application/json", cancellationToken);
    }

    static string ToNdjson<T>(IEnumerable<T> lines)
    {
        var text = new StringBuilder();
        foreach (T line in lines)
        {
            text.Append(JsonSerializer.Serialize(line, Json)).Append('\n');
        }

        return text.ToString();
    }

    async Task<BlobContainerClient> ContainerAsync(string name, CancellationToken cancellationToken)
    {
        BlobContainerClient container = service.GetBlobContainerClient(name);
        // Private container (no public access argument); created once per process.
        await createdContainers.GetOrAdd(name, _ => container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
        return container;
    }

    static Task UploadAsync(BlobContainerClient container, string name, string content, string contentType, CancellationToken cancellationToken) =>
        container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);
}
