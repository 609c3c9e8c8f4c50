using System.Diagnostics;

namespace Serverless.Core.Terminology.Evaluation;

/// <summary>
/// Checks extracted terms against <see cref="PartOfSpeechTagger"/>: the share of top terms whose first or last word is a
/// verb where the term occurs (a clause, not a term: "sensors measure temperature"), and what tagging costs per document.
/// </summary>
public static class TermShapeAudit
{
    /// <param name="texts">The documents, in the order of <paramref name="predictions"/>.</param>
    /// <param name="predictions">Each document's terms, best first.</param>
    /// <param name="top">How many of each document's terms to check.</param>
    public static TermShapeReport Measure(IReadOnlyList<string> texts, IReadOnlyList<IReadOnlyList<string>> predictions, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(predictions);
        _ = TaggerLexicon.Default;
        var terms = 0;
        var verbEdged = 0;
        var tagging = TimeSpan.Zero;
        for (var d = 0; d < texts.Count && d < predictions.Count; d++)
        {
            var document = DocumentTokenizer.Tokenize(texts[d]);
            var watch = Stopwatch.StartNew();
            var tags = PartOfSpeechTagger.Tag(document);
            tagging += watch.Elapsed;
            foreach (var term in predictions[d].Take(top))
            {
                terms++;
                verbEdged += StartsOrEndsWithVerb(document, tags, term) ? 1 : 0;
            }
        }

        return new TermShapeReport(terms, verbEdged, texts.Count == 0 ? 0 : tagging.TotalMilliseconds / texts.Count);
    }

    /// <summary>
    /// Whether the term's first occurrence in the document (words matched lower-case) starts or ends with a verb; a term
    /// not found word for word is tagged as a sentence of its own.
    /// </summary>
    public static bool StartsOrEndsWithVerb(TokenizedDocument document, IReadOnlyList<PosTag> tags, string term)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(term);
        var parts = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return false;
        }

        var words = document.Words;
        for (var i = 0; i + parts.Length <= words.Count; i++)
        {
            var match = true;
            for (var k = 0; k < parts.Length && match; k++)
            {
                match = words[i + k].Lower == parts[k];
            }

            if (match)
            {
                return IsVerbEdge(tags[i], tags[i + parts.Length - 1]);
            }
        }

        var alone = PartOfSpeechTagger.TagSentence(parts);
        return IsVerbEdge(alone[0], alone[^1]);
    }

    // A participle may open a term ("trained model") but not close one ("the method proposed").
    private static bool IsVerbEdge(PosTag first, PosTag last) => first.IsVerb() || last.IsVerb() || last == PosTag.VBN;
}
