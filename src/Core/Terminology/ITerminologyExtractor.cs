namespace Serverless.Core.Terminology;

/// <summary>
/// Extracts the domain key phrases of one document. Implementations are shared singletons:
/// they must be safe to call concurrently and return identical output for identical input.
/// </summary>
public interface ITerminologyExtractor
{
    /// <summary>Returns at most <paramref name="top"/> key phrases, best first.</summary>
    TermExtraction Extract(string text, int top);

    /// <summary>
    /// <see cref="Extract"/> of each text, in input order. An extractor may share work between the texts (the model's
    /// phrase calls), so a few texts at once can cost less than one at a time; each text's terms are the same either way.
    /// </summary>
    IReadOnlyList<TermExtraction> ExtractAll(IReadOnlyList<string> texts, int top) => [.. texts.Select(t => Extract(t, top))];
}
