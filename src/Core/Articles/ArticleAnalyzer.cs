using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;
using Serverless.Core.Telemetry;
using Serverless.Core.Terminology;

namespace Serverless.Core.Articles;

/// <summary>
/// Analyses one article blob. Bad input (missing, too large, empty, binary, not UTF-8, a tricky name)
/// comes back as a failure with its reason; only an unexpected fault throws.
/// </summary>
public sealed class ArticleAnalyzer(BlobServiceClient blobs, ITerminologyExtractor extractor, AnalysisGate gate, IOptions<ArticleOptions> options)
{
    public async Task<ArticleOutcome> AnalyzeAsync(string container, string article, int topTerms, CancellationToken cancellationToken = default)
    {
        if (ArticleNames.Problem(article) is { } nameProblem)
        {
            return ArticleOutcome.Failure(article, nameProblem);
        }

        BlobClient blob = blobs.GetBlobContainerClient(container).GetBlobClient(article);
        byte[] bytes;
        try
        {
            // One request: its headers give the size before any of the body is read, so an article over the limit is never
            // downloaded, and the size checked is that of the version read.
            using BlobDownloadStreamingResult download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            long limit = options.Value.MaxArticleBytes;
            long length = download.Details.ContentLength;
            if (length > limit)
            {
                return ArticleOutcome.Failure(
                    article, $"the article is {length} bytes, above the {limit}-byte limit (Articles:MaxArticleBytes); not downloaded");
            }

            bytes = new byte[length];
            await download.Content.ReadExactlyAsync(bytes, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ArticleOutcome.Failure(article, $"the article does not exist in container '{container}'");
        }

        ArticleText.Result text = ArticleText.Decode(bytes);
        if (text.Problem is { } problem)
        {
            return ArticleOutcome.Failure(article, problem);
        }

        TermExtraction extraction = await gate.RunAsync(
            () => ServerlessTelemetry.MeasureNlp(article, () => extractor.Extract(text.Text!, topTerms)), cancellationToken);
        return ArticleOutcome.Success(article, extraction);
    }
}
