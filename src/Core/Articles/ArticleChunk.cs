namespace Serverless.Core.Articles;

/// <summary>Input of one chunk of a large article run: its articles, its share of the run's window, articles per activity.</summary>
public sealed record ArticleChunk(string RunId, string Container, IReadOnlyList<string> Articles, int TopTerms, int Window, int BatchSize);
