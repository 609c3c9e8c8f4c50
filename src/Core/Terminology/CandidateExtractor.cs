namespace Serverless.Core.Terminology;

/// <summary>
/// Proposes noun phrases as candidates: a run is a maximal sequence of words that <see cref="PartOfSpeechTagger"/> tags as
/// nouns, adjectives or participles (and that are no stop word, number or adverb, with no punctuation between them), cut
/// back to end in a noun, so a run is (adjective | noun)* noun and never holds a verb. Candidates are the run and its
/// slices up to <see cref="CandidateOptions.MaxWords"/> words that end in a noun; "noun phrase of noun phrase"
/// (<see cref="OfPhrases"/>) and the terms of coordinated modifiers (<see cref="Coordination"/>) are added. Occurrences
/// are grouped by stemmed form so that variants ("network"/"networks") count together.
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

    private static readonly char[] CompoundSeparators = ['-', '/'];

    public static IReadOnlyList<PhraseCandidate> Extract(TokenizedDocument document, CandidateOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Extract(document, PartOfSpeechTagger.Tag(document), options);
    }

    /// <summary>Candidates of a document whose words are already tagged (<paramref name="tags"/>, one a word).</summary>
    public static IReadOnlyList<PhraseCandidate> Extract(TokenizedDocument document, IReadOnlyList<PosTag> tags, CandidateOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(options);
        var words = document.Words;
        var phrases = new PhraseSink(document);
        var runs = new List<WordRun>();

        var runStart = -1;
        for (var i = 0; i <= words.Count; i++)
        {
            var eligible = i < words.Count && IsEligible(words[i]) && tags[i].CanBeInTerm();
            var continues = eligible && runStart >= 0 && !words[i].BreaksBefore;
            if (runStart >= 0 && !continues)
            {
                var run = new WordRun(runStart, i, TrimmedEnd(tags, runStart, i));
                runs.Add(run);
                AddRun(document, tags, run, options, phrases);
                if (runs.Count >= 2)
                {
                    OfPhrases.Add(document, runs[^2], run, options, phrases);
                    Coordination.Add(document, tags, runs[^2], run, options, phrases);
                }

                runStart = -1;
            }

            if (eligible && runStart < 0)
            {
                runStart = i;
            }
        }

        return phrases.Build();
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

    /// <summary>A noun phrase ends in a noun: adjectives and participles at the end of a run ("the method proposed") go.</summary>
    private static int TrimmedEnd(IReadOnlyList<PosTag> tags, int start, int end)
    {
        while (end > start && !tags[end - 1].CanEndTerm())
        {
            end--;
        }

        return end;
    }

    private static void AddRun(TokenizedDocument document, IReadOnlyList<PosTag> tags, WordRun run, CandidateOptions options, PhraseSink phrases)
    {
        var words = document.Words;
        var (start, end) = (run.Start, run.End);

        // A run opened by a gerund or participle is often a verb and its object ("selecting test cases"), so
        // the run without that word counts as a whole run too; the ranking then decides between the two.
        var coreStart = end - start >= 3 && tags[start] is PosTag.VBG or PosTag.VBN ? start + 1 : start;

        for (var first = start; first < end; first++)
        {
            var maxLast = Math.Min(end, first + options.MaxWords);
            for (var last = first + 1; last <= maxLast; last++)
            {
                if (!tags[last - 1].CanEndTerm())
                {
                    continue;
                }

                var isMaximal = (first == start || first == coreStart) && last == end;
                if (!isMaximal && !options.IncludeSlices)
                {
                    continue;
                }

                var key = string.Join(' ', Enumerable.Range(first, last - first).Select(i => words[i].Stem));
                phrases.Add(key, last - first, PhraseSink.Surface(document, first, last), first, words[first].InTitle, isMaximal);
            }
        }
    }
}
