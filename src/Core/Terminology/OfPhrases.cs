namespace Serverless.Core.Terminology;

/// <summary>
/// "Noun phrase of noun phrase" as one candidate ("conservation of angular momentum", "speed of sound"): English names
/// many quantities and laws that way: one noun, "of", and a noun phrase of one or two words. Such a phrase is never a
/// whole run, so it gets no whole-run credit in the ranking: the model's similarity has to carry it.
/// </summary>
public static class OfPhrases
{
    private const int MaxTailWords = 2;

    // Heads that count, group or relate rather than name ("a number of nodes", "the effect of noise"): with them,
    // the term is the phrase after "of".
    private static readonly HashSet<string> Quantifiers = new(StringComparer.Ordinal)
    {
        "number", "set", "lot", "series", "range", "variety", "amount", "class", "group", "pair", "kind", "type", "sort",
        "form", "part", "majority", "minority", "rest", "use", "case", "example", "total", "fraction", "proportion",
        "percentage", "list", "collection", "sum", "couple", "piece", "order", "degree", "level", "extent", "basis",
        "presence", "absence", "effect", "impact", "role", "aim", "purpose", "goal", "result", "importance", "need",
        "lack", "study", "analysis", "evaluation", "comparison", "development", "application", "performance", "problem",
        "issue", "question", "subset", "member", "instance", "existence", "help", "means", "end", "beginning", "top",
        "bottom", "side", "front", "middle", "value", "quality", "dependence", "influence",
    };

    /// <summary>Adds "<paramref name="head"/> of <paramref name="tail"/>" when "of" alone separates the two runs.</summary>
    internal static void Add(TokenizedDocument document, WordRun head, WordRun tail, CandidateOptions options, PhraseSink phrases)
    {
        var words = document.Words;
        var of = head.RawEnd;
        if (head.Length == 0 || tail.Length == 0 || head.End != head.RawEnd || tail.Start != of + 1 || words[of].Lower != "of"
            || words[of].BreaksBefore || words[tail.Start].BreaksBefore || head.Length != 1 || tail.Length > MaxTailWords
            || 2 + tail.Length > options.MaxWords)
        {
            return;
        }

        var headWord = words[head.End - 1].Lower;
        if (Quantifiers.Contains(headWord) || Quantifiers.Contains(words[head.End - 1].Stem))
        {
            return;
        }

        var indices = Enumerable.Range(head.Start, tail.End - head.Start);
        var key = string.Join(' ', indices.Select(i => words[i].Stem));
        var surface = PhraseSink.Surface(document, head.Start, tail.End);
        phrases.Add(key, tail.End - head.Start, surface, head.Start, words[head.Start].InTitle, maximal: false);
    }
}
