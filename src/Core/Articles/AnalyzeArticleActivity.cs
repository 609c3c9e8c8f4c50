using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;
using Serverless.Core.Terminology;

namespace Serverless.Core.Articles;

/// <summary>
/// Analyses one article blob. Bad input (missing, too large, empty, binary, not UTF-8, a tricky name)
/// comes back as a failure with its reason; only an unexpected fault throws.
/// </summary>
public sealed class AnalyzeArticleActivity(BlobServiceClient blobs, ITerminologyExtractor extractor, AnalysisGate gate, IOptions<ArticleOptions> options)
    : TaskActivity<AnalyzeArticleInput, ArticleOutcome>
{
    public override async Task<ArticleOutcome> RunAsync(TaskActivityContext context, AnalyzeArticleInput input)
    {
        if (ArticleNames.Problem(input.Article) is { } nameProblem)
        {
            return ArticleOutcome.Failure(input.Article, nameProblem);
        }

        BlobClient blob = blobs.GetBlobContainerClient(input.Container).GetBlobClient(input.Article);
        BlobProperties properties;
        try
        {
            properties = await blob.GetPropertiesAsync();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ArticleOutcome.Failure(input.Article, $"the article does not exist in container '{input.Container}'");
        }

        long limit = options.Value.MaxArticleBytes;
        if (properties.ContentLength > limit)
        {
            return ArticleOutcome.Failure(input.Article, $"the article is {properties.ContentLength} bytes, above the {limit}-byte limit (Articles:MaxArticleBytes); not downloaded");
        }

        // Pinned to the version whose size we checked, so a concurrent overwrite cannot slip a larger one in.
        BlobDownloadResult content = await blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } });
        ArticleText.Result text = ArticleText.Decode(content.Content.ToMemory().Span);
        if (text.Problem is { } problem)
        {
            return ArticleOutcome.Failure(input.Article, problem);
        }

        TermExtraction extraction = await gate.RunAsync(() => extractor.Extract(text.Text!, input.TopTerms));
        return ArticleOutcome.Success(input.Article, extraction);
    }
}
