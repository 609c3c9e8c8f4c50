namespace Serverless.Core.Articles;

/// <summary>One activity's work: a batch of articles (one, unless the run sets <c>Articles:BatchSize</c>).</summary>
public sealed record AnalyzeArticleInput(string RunId, string Container, IReadOnlyList<string> Articles, int TopTerms);
