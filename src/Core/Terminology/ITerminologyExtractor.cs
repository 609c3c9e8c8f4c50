namespace Serverless.Core.Terminology;

/// <summary>
/// Extracts the domain key phrases of one document. Implementations are shared singletons:
/// they must be safe to call concurrently and return identical output for identical input.
/// </summary>
public interface ITerminologyExtractor
{
    /// <summary>Returns at most <paramref name="top"/> key phrases, best first.</summary>
    TermExtraction Extract(string text, int top);
}
