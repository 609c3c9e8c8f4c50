using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;
using Serverless.Core.Telemetry;
using Serverless.Core.Terminology;

namespace Serverless.Core.Articles;

/// <summary>
/// Analyses article blobs. Bad input (missing, too large, empty, binary, not UTF-8, a tricky name)
/// comes back as a failure with its reason; only an unexpected fault throws.
/// </summary>
public sealed class ArticleAnalyzer(BlobServiceClient blobs, ITerminologyExtractor extractor, AnalysisGate gate, IOptions<ArticleOptions> options)
{
    /// <summary>
    /// Reads the articles at once, then analyses the readable ones in one extraction (one analysis slot): see
    /// <see cref="ExtractionGroups"/> for how many to give it. Outcomes in input order.
    /// </summary>
    public async Task<ArticleOutcome[]> AnalyzeAllAsync(
        string container, IReadOnlyList<string> articles, int topTerms, CancellationToken cancellationToken = default)
    {
        ArticleText.Result[] read = await Task.WhenAll(articles.Select(a => ReadAsync(container, a, cancellationToken)));
        var outcomes = new ArticleOutcome[articles.Count];
        var readable = new List<int>(articles.Count);
        for (int i = 0; i < articles.Count; i++)
        {
            if (read[i].Problem is { } problem)
            {
                outcomes[i] = ArticleOutcome.Failure(articles[i], problem);
            }
            else
            {
                readable.Add(i);
            }
        }

        if (readable.Count > 0)
        {
            string[] texts = [.. readable.Select(i => read[i].Text!)];
            IReadOnlyList<TermExtraction> extractions = await gate.RunAsync(
                () => ServerlessTelemetry.MeasureNlp([.. readable.Select(i => articles[i])], () => extractor.ExtractAll(texts, topTerms)),
                cancellationToken);
            for (int k = 0; k < readable.Count; k++)
            {
                outcomes[readable[k]] = ArticleOutcome.Success(articles[readable[k]], extractions[k]);
            }
        }

        return outcomes;
    }

    /// <summary>The article's text, or why it cannot be analysed.</summary>
    async Task<ArticleText.Result> ReadAsync(string container, string article, CancellationToken cancellationToken)
    {
        if (ArticleNames.Problem(article) is { } nameProblem)
        {
            return new ArticleText.Result(null, nameProblem);
        }

        BlobClient blob = blobs.GetBlobContainerClient(container).GetBlobClient(article);
        try
        {
            // One request: its headers give the size before any of the body is read, so an article over the limit is never
            // downloaded, and the size checked is that of the version read.
            using BlobDownloadStreamingResult download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            long limit = options.Value.MaxArticleBytes;
            long length = download.Details.ContentLength;
            if (length > limit)
            {
                return new ArticleText.Result(
                    null, $"the article is {length} bytes, above the {limit}-byte limit (Articles:MaxArticleBytes); not downloaded");
            }

            var bytes = new byte[length];
            await download.Content.ReadExactlyAsync(bytes, cancellationToken);
            return ArticleText.Decode(bytes);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new ArticleText.Result(null, $"the article does not exist in container '{container}'");
        }
    }
}
