using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Core.Users;

namespace Serverless.Core.Storage;

/// <summary>
/// Fan-in: merges a run's batch parts into its result files (succeeded, failed, and for articles the corpus terms), lists every
/// input item without an outcome as failed with the reason it has none, and writes the manifest last with the counts it found.
/// Streams part by part, so memory holds one block and the set of item keys, not the results. Output is a pure function of the
/// parts and the input, so the activity may run twice.
/// </summary>
public sealed class RunResultsWriter(BlobServiceClient service, RunItemStore items)
{
    const string Ndjson = "application/x-ndjson";
    static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<RunManifest> WriteAsync(RunManifest draft, string missingReason, CancellationToken cancellationToken = default)
    {
        RunFiles files = draft.Files;
        BlobContainerClient container = service.GetBlobContainerClient(files.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var succeeded = new StagedTextBlob(container.GetBlockBlobClient(files.Succeeded), Ndjson);
        var failed = new StagedTextBlob(container.GetBlockBlobClient(files.Failed), Ndjson);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<ArticleOutcome> analysed = [];
        (int ok, int bad) = draft.Kind == RunKinds.Users
            ? await MergePartsAsync<UserFetchOutcome>(
                draft, seen, succeeded, failed,
                o => o.UserId.ToString(CultureInfo.InvariantCulture),
                o => o.Succeeded ? o.UserJson! : null,
                o => Line(new FailedItem(o.UserId, o.Reason ?? "unknown", o.Attempts, o.StatusCode)),
                cancellationToken)
            : await MergePartsAsync<ArticleOutcome>(
                draft, seen, succeeded, failed,
                o => o.Article,
                o => o.Succeeded ? Line(new ArticleTermsLine(o.Article, o.TokenCount, o.ChunkCount, o.Terms)) : null,
                o => Line(new FailedArticle(o.Article, o.Reason ?? "unknown")),
                cancellationToken,
                analysed.Add);

        int missing = 0;
        await foreach (string item in items.ReadInputAsync(files.Container, draft.RunId, cancellationToken))
        {
            if (seen.Contains(item))
            {
                continue;
            }

            missing++;
            string line = draft.Kind == RunKinds.Users
                ? Line(new FailedItem(int.Parse(item, CultureInfo.InvariantCulture), missingReason, 0, null))
                : Line(new FailedArticle(item, missingReason));
            await failed.AppendLineAsync(line, cancellationToken);
        }

        await succeeded.CommitAsync(cancellationToken);
        await failed.CommitAsync(cancellationToken);
        if (files.Terms is { } terms)
        {
            await UploadAsync(container, terms, JsonSerializer.Serialize(CorpusTerminology.Merge(analysed), IndentedJson), cancellationToken);
        }

        RunManifest manifest = draft with { Total = ok + bad + missing, Succeeded = ok, Failed = bad + missing, NotAttempted = missing };
        await UploadAsync(container, files.Manifest, JsonSerializer.Serialize(manifest, IndentedJson), cancellationToken);
        return manifest;
    }

    /// <summary>
    /// Appends each item's first outcome to the succeeded file (its <paramref name="successLine"/>, null for a failure) or the
    /// failed one, and returns the counts; <paramref name="seen"/> ends up with every item that has an outcome.
    /// </summary>
    async Task<(int Succeeded, int Failed)> MergePartsAsync<T>(
        RunManifest draft,
        HashSet<string> seen,
        StagedTextBlob succeeded,
        StagedTextBlob failed,
        Func<T, string> key,
        Func<T, string?> successLine,
        Func<T, string> failureLine,
        CancellationToken cancellationToken,
        Action<T>? onSuccess = null)
    {
        int ok = 0, bad = 0;
        await foreach (T outcome in items.ReadPartsAsync<T>(draft.Files.Container, draft.RunId, cancellationToken))
        {
            if (!seen.Add(key(outcome)))
            {
                continue;
            }

            if (successLine(outcome) is { } line)
            {
                ok++;
                onSuccess?.Invoke(outcome);
                await succeeded.AppendLineAsync(line, cancellationToken);
            }
            else
            {
                bad++;
                await failed.AppendLineAsync(failureLine(outcome), cancellationToken);
            }
        }

        return (ok, bad);
    }

    static string Line<T>(T value) => JsonSerializer.Serialize(value, BlobResultStore.Json);

    static Task UploadAsync(BlobContainerClient container, string name, string json, CancellationToken cancellationToken) =>
        container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
}
