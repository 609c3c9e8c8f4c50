namespace Serverless.Core.Terminology;

/// <summary>
/// Proposes noun-phrase-like candidates without a part-of-speech tagger: a run is a maximal sequence of
/// eligible words (no stop word, number, adverb or punctuation between them); candidates are the run and its
/// contiguous slices up to <see cref="CandidateOptions.MaxWords"/> words, trimmed of words that cannot end a
/// noun phrase. Occurrences are grouped by stemmed form so that variants ("network"/"networks") count together.
/// </summary>
public static class CandidateExtractor
{
    // Common words ending in "ly" that are nouns or adjectives, not adverbs.
    private static readonly HashSet<string> LyNotAdverb = new(StringComparer.Ordinal)
    {
        "family", "assembly", "supply", "anomaly", "monopoly", "oligopoly", "poly", "reply", "ally", "rally",
        "italy", "july", "butterfly", "fly", "early", "daily", "weekly", "monthly", "yearly", "hourly", "friendly",
        "only", "holy", "jelly", "belly", "bully", "tally", "lily", "homily", "rely", "apply", "multiply", "comply",
        "imply", "underly", "ply", "quarterly", "elderly", "lonely", "costly", "orderly", "curly",
    };

    // Words ending in "ed" that are not past participles.
    private static readonly HashSet<string> EdNotParticiple = new(StringComparer.Ordinal)
    {
        "bed", "red", "shed", "embed", "hundred", "sled", "wed", "bred", "med", "ted", "fed", "led", "ned",
    };

    private static readonly char[] CompoundSeparators = ['-', '/'];

    public static IReadOnlyList<PhraseCandidate> Extract(TokenizedDocument document, CandidateOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var words = document.Words;
        var builders = new Dictionary<string, CandidateBuilder>(StringComparer.Ordinal);
        var order = new List<CandidateBuilder>();

        var runStart = -1;
        for (var i = 0; i <= words.Count; i++)
        {
            var eligible = i < words.Count && IsEligible(words[i]);
            var continues = eligible && runStart >= 0 && !words[i].BreaksBefore;
            if (runStart >= 0 && !continues)
            {
                AddRun(document, runStart, i, options, builders, order);
                runStart = -1;
            }

            if (eligible && runStart < 0)
            {
                runStart = i;
            }
        }

        return order.Select(b => b.Build()).ToList();
    }

    /// <summary>
    /// A word may appear inside a phrase: not a stop word, number, adverb, possessive or single character.
    /// A hyphenated compound qualifies unless all its parts are stop words ("and/or").
    /// </summary>
    public static bool IsEligible(WordToken word)
    {
        var lower = word.Lower;
        if (lower.Length < 2 || StopWords.Contains(lower) || !lower.Any(char.IsLetter) || IsPossessive(lower))
        {
            return false;
        }

        if (lower.IndexOfAny(CompoundSeparators) >= 0)
        {
            return lower.Split(CompoundSeparators).Any(part => part.Any(char.IsLetter) && !StopWords.Contains(part));
        }

        return !IsLikelyAdverb(lower);
    }

    // A possessive ("the company's knowledge") qualifies the next noun phrase; references rarely keep it.
    private static bool IsPossessive(string lower) =>
        lower.EndsWith("'s", StringComparison.Ordinal) || lower.EndsWith("’s", StringComparison.Ordinal);

    private static bool IsLikelyAdverb(string lower) =>
        lower.Length >= 5 && lower.EndsWith("ly", StringComparison.Ordinal) && !LyNotAdverb.Contains(lower)
        && !lower.Contains('-');

    /// <summary>A past participle ("the method proposed") closes a clause, not a noun phrase.</summary>
    private static bool IsLikelyParticiple(string lower) =>
        lower.Length >= 5 && lower.EndsWith("ed", StringComparison.Ordinal) && !lower.EndsWith("eed", StringComparison.Ordinal)
        && !EdNotParticiple.Contains(lower);

    private static bool IsLikelyVerbForm(string lower) =>
        IsLikelyParticiple(lower) || (lower.Length >= 6 && lower.EndsWith("ing", StringComparison.Ordinal));

    private static void AddRun(
        TokenizedDocument document,
        int start,
        int end,
        CandidateOptions options,
        Dictionary<string, CandidateBuilder> builders,
        List<CandidateBuilder> order)
    {
        var words = document.Words;

        // Participles may open a noun phrase ("distributed systems") but never close one.
        while (end > start && IsLikelyParticiple(words[end - 1].Lower))
        {
            end--;
        }

        // A run opened by a gerund or participle is often a verb and its object ("selecting test cases"), so
        // the run without that word counts as a whole run too; the ranking then decides between the two.
        var coreStart = end - start >= 3 && IsLikelyVerbForm(words[start].Lower) ? start + 1 : start;

        for (var first = start; first < end; first++)
        {
            var maxLast = Math.Min(end, first + options.MaxWords);
            for (var last = first + 1; last <= maxLast; last++)
            {
                if (IsLikelyParticiple(words[last - 1].Lower))
                {
                    continue;
                }

                var isMaximal = (first == start || first == coreStart) && last == end;
                if (!isMaximal && !options.IncludeSlices)
                {
                    continue;
                }

                var key = string.Join(' ', Enumerable.Range(first, last - first).Select(i => words[i].Stem));
                if (!builders.TryGetValue(key, out var builder))
                {
                    builder = new CandidateBuilder(key, last - first);
                    builders.Add(key, builder);
                    order.Add(builder);
                }

                builder.Add(Surface(document, first, last), first, words[first].InTitle, isMaximal);
            }
        }
    }

    /// <summary>The phrase as written, with any run of whitespace (line wraps, tabs) collapsed to one space.</summary>
    private static string Surface(TokenizedDocument document, int first, int last)
    {
        var words = document.Words;
        if (last - first == 1)
        {
            return words[first].Surface;
        }

        var span = document.Text.AsSpan(words[first].Start, words[last - 1].End - words[first].Start);
        return string.Join(' ', span.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed class CandidateBuilder(string key, int wordCount)
    {
        private readonly List<int> positions = [];
        private readonly Dictionary<string, int> surfaceCounts = new(StringComparer.Ordinal);
        private readonly List<string> surfaceOrder = [];
        private bool inTitle;
        private int maximal;

        public void Add(string surface, int position, bool inTitle, bool maximal)
        {
            positions.Add(position);
            this.inTitle |= inTitle;
            this.maximal += maximal ? 1 : 0;
            if (surfaceCounts.TryGetValue(surface, out var count))
            {
                surfaceCounts[surface] = count + 1;
            }
            else
            {
                surfaceCounts[surface] = 1;
                surfaceOrder.Add(surface);
            }
        }

        public PhraseCandidate Build()
        {
            // Stable sort keeps first-seen order among equally frequent forms, so output is deterministic.
            var forms = surfaceOrder.OrderByDescending(s => surfaceCounts[s]).ToList();

            // Case variants collapse once lower-cased; the most frequent spelling stands for the group.
            var lowerCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            var lowerOrder = new List<string>();
            foreach (var form in surfaceOrder)
            {
                var lower = form.ToLowerInvariant();
                if (lowerCounts.TryGetValue(lower, out var c))
                {
                    lowerCounts[lower] = c + surfaceCounts[form];
                }
                else
                {
                    lowerCounts[lower] = surfaceCounts[form];
                    lowerOrder.Add(lower);
                }
            }

            var canonical = lowerOrder.OrderByDescending(s => lowerCounts[s]).First();
            return new PhraseCandidate(key, canonical, forms, wordCount, positions, inTitle, maximal);
        }
    }
}
