using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Serverless.Core.Runs;

namespace Serverless.Core.Storage;

/// <summary>
/// Fan-in: merges a run's batch parts into its result files (succeeded, failed, and for a kind with one the corpus file), lists
/// every input item without an outcome as failed with the reason it has none, and writes the manifest last with the counts it
/// found. The lines themselves come from the run kind's <see cref="IRunResultLines"/>. Streams part by part, so memory holds one
/// block and the set of items, not the results. Output is a pure function of the outcomes and the input, so the activity may run
/// twice.
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
        // No create: the run's input went into this container before the run started (RunItemStore.WriteInputAsync), and its
        // parts after it.
        BlobContainerClient container = service.GetBlobContainerClient(files.Container);
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
        await UploadAsync(container, files.Manifest, JsonSerializer.Serialize(manifest, IndentedJson), cancellationToken);
        return manifest;
    }

    static Task UploadAsync(BlobContainerClient container, string name, string json, CancellationToken cancellationToken) =>
        container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
}
