namespace Serverless.Core.Articles;

/// <summary>What every batch of an article run needs to know: where the articles are, and how many terms to keep of each.</summary>
public sealed record ArticleAnalysisSettings(string Container, int TopTerms);
