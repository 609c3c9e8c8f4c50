using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Runs;

namespace Serverless.Core.Storage;

/// <summary>
/// A run's working blobs: its input items, one blob per chunk, written before the run starts; and its outcomes, one NDJSON blob
/// per batch, written by the batch activity. Items and outcomes never travel through the orchestration history, so it stays the
/// same size however large the run. Every write is a single upload of content fixed by its input: a re-run writes the same bytes.
/// </summary>
public sealed class RunItemStore(BlobServiceClient service)
{
    const int ParallelUploads = 8;
    const int ParallelDownloads = 16;

    /// <summary>The run's items as a JSON array per chunk, of their own type: user ids as numbers, article names as strings.</summary>
    public async Task WriteInputAsync<TItem>(
        string container, string runId, IReadOnlyList<TItem> items, int chunkSize, CancellationToken cancellationToken = default)
    {
        BlobContainerClient blobs = service.GetBlobContainerClient(container);
        TItem[][] chunks = items.Chunk(Math.Max(1, chunkSize)).ToArray();
        Task UploadAll() => Parallel.ForEachAsync(
            Enumerable.Range(0, chunks.Length),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads, CancellationToken = cancellationToken },
            async (chunk, token) => await UploadAsync(
                blobs, RunFolder.InputChunk(runId, chunk), JsonSerializer.Serialize(chunks[chunk]), "application/json", token));

        // The container exists for every run but a store's first: asking first would cost every run's start a round trip.
        try
        {
            await UploadAll();
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            await blobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await UploadAll();
        }
    }

    /// <summary>One chunk's items as the blob holds them: the orchestrator reads them as its run kind's item type.</summary>
    public async Task<JsonElement> ReadChunkAsync(string container, string runId, int chunk, CancellationToken cancellationToken = default) =>
        (await DownloadAsync(container, RunFolder.InputChunk(runId, chunk), cancellationToken)).Content.ToObjectFromJson<JsonElement>();

    /// <summary>Every input item of the run, chunk by chunk, in order.</summary>
    public async IAsyncEnumerable<TItem> ReadInputAsync<TItem>(
        string container, string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (string name in ListAsync(container, RunFolder.InputPrefix(runId), cancellationToken))
        {
            foreach (TItem item in (await DownloadAsync(container, name, cancellationToken)).Content.ToObjectFromJson<List<TItem>>() ?? [])
            {
                yield return item;
            }
        }
    }

    async Task<BlobDownloadResult> DownloadAsync(string container, string blobName, CancellationToken cancellationToken) =>
        await service.GetBlobContainerClient(container).GetBlobClient(blobName).DownloadContentAsync(cancellationToken);

    public async Task WritePartAsync<T>(
        string container, string runId, int chunk, int batch, IEnumerable<T> outcomes, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        foreach (T outcome in outcomes)
        {
            text.Append(JsonSerializer.Serialize(outcome, BlobResultStore.Json)).Append('\n');
        }

        BlobContainerClient blobs = service.GetBlobContainerClient(container);
        await UploadAsync(blobs, RunFolder.Part(runId, chunk, batch), text.ToString(), "application/x-ndjson", cancellationToken);
    }

    /// <summary>
    /// The outcomes of every batch that wrote its part, in chunk and batch order. Up to <see cref="ParallelDownloads"/> parts
    /// ahead of the one being read are downloaded and parsed on the thread pool: a run's fan-in comes after its work, so the
    /// parsing can use every core.
    /// </summary>
    public async IAsyncEnumerable<T> ReadPartsAsync<T>(
        string container, string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await foreach (string name in ListAsync(container, RunFolder.PartsPrefix(runId), cancellationToken))
        {
            names.Add(name);
        }

        async Task<List<T>> Read(string name) => ParseLines<T>((await DownloadAsync(container, name, cancellationToken)).Content);

        var ahead = new Queue<Task<List<T>>>();
        int next = 0;
        while (next < names.Count || ahead.Count > 0)
        {
            while (next < names.Count && ahead.Count < ParallelDownloads)
            {
                string name = names[next++];
                ahead.Enqueue(Task.Run(() => Read(name), cancellationToken));
            }

            foreach (T outcome in await ahead.Dequeue())
            {
                yield return outcome;
            }
        }
    }

    /// <summary>The outcomes of one part, one per non-empty NDJSON line, read from its UTF-8 bytes.</summary>
    static List<T> ParseLines<T>(BinaryData content)
    {
        var outcomes = new List<T>();
        ReadOnlySpan<byte> rest = content.ToMemory().Span;
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (!line.IsEmpty && JsonSerializer.Deserialize<T>(line, BlobResultStore.Json) is { } outcome)
            {
                outcomes.Add(outcome);
            }
        }

        return outcomes;
    }

    async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        BlobContainerClient blobs = service.GetBlobContainerClient(container);
        var names = new List<string>();
        await foreach (BlobItem blob in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            names.Add(blob.Name);
        }

        names.Sort(StringComparer.Ordinal);
        foreach (string name in names)
        {
            yield return name;
        }
    }

    static Task UploadAsync(BlobContainerClient container, string name, string content, string contentType, CancellationToken cancellationToken) =>
        container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);
}
