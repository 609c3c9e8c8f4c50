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
        int ok = 0, bad = 0, missing = 0;
        bool users = draft.Kind == RunKinds.Users;
        List<ArticleOutcome> analysed = [];

        if (users)
        {
            await foreach (UserFetchOutcome outcome in items.ReadPartsAsync<UserFetchOutcome>(files.Container, draft.RunId, cancellationToken))
            {
                if (!seen.Add(outcome.UserId.ToString(CultureInfo.InvariantCulture)))
                {
                    continue;
                }

                if (outcome.Succeeded)
                {
                    ok++;
                    await succeeded.AppendLineAsync(outcome.UserJson!, cancellationToken);
                }
                else
                {
                    bad++;
                    await failed.AppendLineAsync(Line(new FailedItem(outcome.UserId, outcome.Reason ?? "unknown", outcome.Attempts, outcome.StatusCode)), cancellationToken);
                }
            }
        }
        else
        {
            await foreach (ArticleOutcome outcome in items.ReadPartsAsync<ArticleOutcome>(files.Container, draft.RunId, cancellationToken))
            {
                if (!seen.Add(outcome.Article))
                {
                    continue;
                }

                if (outcome.Succeeded)
                {
                    ok++;
                    analysed.Add(outcome);
                    await succeeded.AppendLineAsync(Line(new ArticleTermsLine(outcome.Article, outcome.TokenCount, outcome.ChunkCount, outcome.Terms)), cancellationToken);
                }
                else
                {
                    bad++;
                    await failed.AppendLineAsync(Line(new FailedArticle(outcome.Article, outcome.Reason ?? "unknown")), cancellationToken);
                }
            }
        }

        await foreach (string item in items.ReadInputAsync(files.Container, draft.RunId, cancellationToken))
        {
            if (seen.Contains(item))
            {
                continue;
            }

            missing++;
            string line = users
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

    static string Line<T>(T value) => JsonSerializer.Serialize(value, BlobResultStore.Json);

    static Task UploadAsync(BlobContainerClient container, string name, string json, CancellationToken cancellationToken) =>
        container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
}
