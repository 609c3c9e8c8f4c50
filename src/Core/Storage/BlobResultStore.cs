using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Runs;
using Serverless.Core.Users;

namespace Serverless.Core.Storage;

/// <summary>
/// Writes a run's folder. Each blob is one upload, which Blob Storage commits atomically, so a reader sees
/// the whole file or none of it; the manifest goes last. Content is a pure function of the results
/// (sorted by user id), so the activity may run twice and write the same bytes.
/// </summary>
public sealed class BlobResultStore(BlobServiceClient service)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };
    static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    readonly ConcurrentDictionary<string, Task> createdContainers = new();

    public async Task WriteUserRunAsync(UserRunResults results, CancellationToken cancellationToken = default)
    {
        RunFiles files = results.Manifest.Files;
        BlobContainerClient container = await ContainerAsync(files.Container, cancellationToken);
        IOrderedEnumerable<UserFetchOutcome> ordered = results.Outcomes.OrderBy(o => o.UserId);

        var users = new StringBuilder();
        foreach (UserFetchOutcome o in ordered.Where(o => o.Succeeded))
        {
            users.Append(o.UserJson).Append('\n');
        }

        var failed = new StringBuilder();
        foreach (UserFetchOutcome o in ordered.Where(o => !o.Succeeded))
        {
            var item = new FailedItem(o.UserId, o.Reason ?? "unknown", o.Attempts, o.StatusCode);
            failed.Append(JsonSerializer.Serialize(item, Json)).Append('\n');
        }

        await UploadAsync(container, files.Succeeded, users.ToString(), "application/x-ndjson", cancellationToken);
        await UploadAsync(container, files.Failed, failed.ToString(), "application/x-ndjson", cancellationToken);
        await UploadAsync(container, files.Manifest, JsonSerializer.Serialize(results.Manifest, IndentedJson), "application/json", cancellationToken);
    }

    public async Task<RunManifest?> ReadManifestAsync(string container, string runId, CancellationToken cancellationToken = default)
    {
        BlobClient blob = service.GetBlobContainerClient(container).GetBlobClient(RunFolder.For(container, runId).Manifest);
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
