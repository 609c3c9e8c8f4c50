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
        BlobProperties properties;
        try
        {
            properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ArticleOutcome.Failure(article, $"the article does not exist in container '{container}'");
        }

        long limit = options.Value.MaxArticleBytes;
        if (properties.ContentLength > limit)
        {
            return ArticleOutcome.Failure(
                article, $"the article is {properties.ContentLength} bytes, above the {limit}-byte limit (Articles:MaxArticleBytes); not downloaded");
        }

        // Pinned to the version whose size we checked, so a concurrent overwrite cannot slip a larger one in.
        BlobDownloadResult content = await blob.DownloadContentAsync(
            new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } }, cancellationToken);
        ArticleText.Result text = ArticleText.Decode(content.Content.ToMemory().Span);
        if (text.Problem is { } problem)
        {
            return ArticleOutcome.Failure(article, problem);
        }

        TermExtraction extraction = await gate.RunAsync(
            () => ServerlessTelemetry.MeasureNlp(article, () => extractor.Extract(text.Text!, topTerms)), cancellationToken);
        return ArticleOutcome.Success(article, extraction);
    }
}
