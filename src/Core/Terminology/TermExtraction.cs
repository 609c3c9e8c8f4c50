namespace Serverless.Core.Terminology;

/// <summary>The result of one extraction.</summary>
/// <param name="Terms">Key phrases, best first.</param>
/// <param name="TokenCount">Word tokens seen by the analyser (not word pieces).</param>
/// <param name="ChunkCount">How many model windows the document was split into; more than one for long texts.</param>
public sealed record TermExtraction(IReadOnlyList<ExtractedTerm> Terms, int TokenCount, int ChunkCount)
{
    public static TermExtraction Empty { get; } = new([], 0, 0);
}
