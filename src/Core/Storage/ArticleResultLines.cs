using Serverless.Core.Terminology;

namespace Serverless.Core.Storage;

/// <summary>One line of a run's articles.ndjson.</summary>
public sealed record ArticleTermsLine(string Article, int TokenCount, int ChunkCount, IReadOnlyList<ExtractedTerm> Terms);

/// <summary>One line of an article run's failed.ndjson.</summary>
public sealed record FailedArticle(string Article, string Reason);
