using Serverless.Core.Terminology;

namespace Serverless.Core.Articles;

/// <summary>One article's result, or why there is none. Failures are values so the run lists every article.</summary>
public sealed record ArticleOutcome(
    string Article,
    bool Succeeded,
    string? Reason,
    int TokenCount,
    int ChunkCount,
    IReadOnlyList<ExtractedTerm> Terms)
{
    public static ArticleOutcome Success(string article, TermExtraction extraction) =>
        new(article, true, null, extraction.TokenCount, extraction.ChunkCount, extraction.Terms);

    public static ArticleOutcome Failure(string article, string reason) => new(article, false, reason, 0, 0, []);
}
