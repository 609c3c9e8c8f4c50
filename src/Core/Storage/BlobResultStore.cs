using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Runs;

namespace Serverless.Core.Storage;

/// <summary>
/// Reads a run's folder (the <see cref="RunResultsWriter"/> writes it): the manifest, whole files, the head of an NDJSON file.
/// </summary>
public sealed class BlobResultStore(BlobServiceClient service)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

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
    public async Task<(Stream Content, string ContentType)?> OpenReadAsync(
        string container, string blobName, CancellationToken cancellationToken = default)
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

    /// <summary>Every line of an NDJSON blob, parsed, streamed; nothing when it does not exist.</summary>
    public async IAsyncEnumerable<JsonElement> ReadNdjsonAsync(
        string container, string blobName, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (await OpenReadAsync(container, blobName, cancellationToken) is not { } blob)
        {
            yield break;
        }

        await using Stream content = blob.Content;
        using var reader = new StreamReader(content, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                using JsonDocument document = JsonDocument.Parse(line);
                yield return document.RootElement.Clone();
            }
        }
    }

    /// <summary>
    /// The first <paramref name="limit"/> elements of a blob holding one JSON array, parsed as they stream in, without downloading
    /// the rest; null when it does not exist.
    /// </summary>
    public async Task<IReadOnlyList<T>?> ReadJsonArrayHeadAsync<T>(
        string container, string blobName, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (await OpenReadAsync(container, blobName, cancellationToken) is not { } blob)
        {
            return null;
        }

        var head = new List<T>();

        await using Stream content = blob.Content;
        await foreach (T? element in JsonSerializer.DeserializeAsyncEnumerable<T>(content, Json, cancellationToken))
        {
            if (element is not null)
            {
                head.Add(element);
            }

            if (head.Count >= limit)
            {
                break;
            }
        }

        return head;
    }

    /// <summary>
    /// The first <paramref name="limit"/> lines of an NDJSON blob, each parsed, without downloading the rest; empty when it does not exist.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> ReadNdjsonHeadAsync(
        string container, string blobName, int limit, CancellationToken cancellationToken = default)
    {
        var lines = new List<JsonElement>();
        await foreach (JsonElement line in ReadNdjsonAsync(container, blobName, cancellationToken))
        {
            if (lines.Count >= limit)
            {
                break;
            }

            lines.Add(line);
        }

        return lines;
    }
}
