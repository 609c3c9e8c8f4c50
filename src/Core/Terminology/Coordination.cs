namespace Serverless.Core.Terminology;

/// <summary>
/// Coordinated modifiers share the head that follows the last of them: "linear and nonlinear solvers" names the terms
/// "linear solvers" and "nonlinear solvers". The second is a run of its own; this adds the first.
/// </summary>
public static class Coordination
{
    /// <summary>
    /// Adds "<paramref name="left"/> + the rest of <paramref name="right"/>" when the left run is one word joined by "and" or
    /// "or" to a run of two or more words that starts with a word of the same class (adjective with adjective, noun with noun).
    /// </summary>
    internal static void Add(
        TokenizedDocument document,
        IReadOnlyList<PosTag> tags,
        WordRun left,
        WordRun right,
        CandidateOptions options,
        PhraseSink phrases)
    {
        var words = document.Words;
        var conjunction = left.RawEnd;
        if (left.RawEnd - left.Start != 1 || right.Start != conjunction + 1 || right.Length < 2 || right.Length > options.MaxWords
            || words[conjunction].Lower is not ("and" or "or") || words[conjunction].BreaksBefore || words[right.Start].BreaksBefore
            || Class(tags[left.Start]) is not { } leftClass || Class(tags[right.Start]) != leftClass)
        {
            return;
        }

        var key = words[left.Start].Stem + " " + string.Join(' ', Enumerable.Range(right.Start + 1, right.Length - 1).Select(i => words[i].Stem));
        var surface = words[left.Start].Surface + " " + PhraseSink.Surface(document, right.Start + 1, right.End);
        phrases.Add(key, right.Length, surface, left.Start, words[left.Start].InTitle, maximal: true);
    }

    private static int? Class(PosTag tag) => tag.IsAdjective() || tag == PosTag.VBN ? 1 : tag.IsNoun() ? 2 : null;
}
