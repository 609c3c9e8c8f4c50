namespace Serverless.Core.Articles;

public sealed record AnalyzeArticleInput(string RunId, string Container, string Article, int TopTerms);
