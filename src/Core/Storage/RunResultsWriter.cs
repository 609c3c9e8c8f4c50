using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Serverless.Core.Runs;

namespace Serverless.Core.Storage;

/// <summary>
/// Fan-in: merges a run's batch parts into its result files (succeeded, failed, and for a kind with one the corpus file), lists
/// every input item without an outcome as failed with the reason it has none, and writes the manifest last with the counts it
/// found. The lines themselves come from the run kind's <see cref="IRunResultLines"/>. Streams part by part, so memory holds one
/// block and the set of items, not the results. The activity may run twice (at least once): a run whose manifest exists is
/// finished and is never rewritten, so a second run returns the manifest as it stands, and the manifest is created only if
/// it does not exist yet.
/// </summary>
public sealed class RunResultsWriter(BlobServiceClient service, RunItemStore items, IEnumerable<IRunResultLines> kinds)
{
    const string Ndjson = "application/x-ndjson";
    static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    readonly Dictionary<string, IRunResultLines> linesByKind = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    /// <summary>Merges the run's parts and input blobs, or <paramref name="contents"/> when its outcomes are already in hand.</summary>
    public async Task<RunManifest> WriteAsync(
        RunManifest draft, string missingReason, IRunContents? contents = null, CancellationToken cancellationToken = default)
    {
        IRunResultLines lines = linesByKind.TryGetValue(draft.Kind, out IRunResultLines? found)
            ? found
            : throw new InvalidOperationException($"No result lines for run kind '{draft.Kind}'.");
        RunFiles files = draft.Files;
        BlobContainerClient container = service.GetBlobContainerClient(files.Container);
        if (await ReadManifestAsync(container, files.Manifest, cancellationToken) is { } finished)
        {
            return finished;
        }

        // No create: the run's input went into this container before the run started (RunItemStore.WriteInputAsync), and its
        // parts after it.
        var succeeded = new StagedTextBlob(container.GetBlockBlobClient(files.Succeeded), Ndjson);
        var failed = new StagedTextBlob(container.GetBlockBlobClient(files.Failed), Ndjson);
        contents ??= new StoredRunContents(items, files.Container, draft.RunId);
        MergedParts merged = await lines.MergeAsync(contents, missingReason, succeeded, failed, cancellationToken);
        await Task.WhenAll(succeeded.CommitAsync(cancellationToken), failed.CommitAsync(cancellationToken));
        if (files.Terms is { } terms && merged.CorpusJson is { } corpus)
        {
            await UploadAsync(container, terms, corpus, cancellationToken);
        }

        RunManifest manifest = draft with
        {
            Total = merged.Succeeded + merged.Failed + merged.Missing,
            Succeeded = merged.Succeeded,
            Failed = merged.Failed + merged.Missing,
            NotAttempted = merged.Missing,
        };
        try
        {
            string json = JsonSerializer.Serialize(manifest, IndentedJson);
            await UploadAsync(container, files.Manifest, json, cancellationToken, new BlobRequestConditions { IfNoneMatch = ETag.All });
            return manifest;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another execution of this fan-in finished the run first: its manifest is the run's.
            return await ReadManifestAsync(container, files.Manifest, cancellationToken)
                ?? throw new InvalidOperationException($"The manifest of run {draft.RunId} exists and cannot be read.", e);
        }
    }

    static async Task<RunManifest?> ReadManifestAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        try
        {
            BlobDownloadResult content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Content.ToObjectFromJson<RunManifest>(BlobResultStore.Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    static Task UploadAsync(
        BlobContainerClient container, string name, string json, CancellationToken cancellationToken, BlobRequestConditions? conditions = null) =>
        container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Conditions = conditions },
            cancellationToken);
}
