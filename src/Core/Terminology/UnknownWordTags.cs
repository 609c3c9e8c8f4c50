namespace Serverless.Core.Terminology;

/// <summary>
/// Tags for a word form the lexicon lacks, from its shape: scientific text coins words the lexicon never saw
/// ("nonlinear", "meshing", "photonic"), and English marks most word classes by suffix.
/// </summary>
public static class UnknownWordTags
{
    // Longest suffixes first; each is a regular English derivation, and the stem must keep at least 3 letters.
    private static readonly (string Suffix, PosTag Tag)[] Suffixes =
    [
        ("ness", PosTag.NN), ("ment", PosTag.NN), ("tion", PosTag.NN), ("sion", PosTag.NN), ("ship", PosTag.NN),
        ("ance", PosTag.NN), ("ence", PosTag.NN), ("ity", PosTag.NN), ("ism", PosTag.NN), ("ist", PosTag.NN),
        ("able", PosTag.JJ), ("ible", PosTag.JJ), ("less", PosTag.JJ), ("ous", PosTag.JJ), ("ive", PosTag.JJ),
        ("ful", PosTag.JJ), ("ical", PosTag.JJ), ("ic", PosTag.JJ), ("al", PosTag.JJ), ("ar", PosTag.JJ),
        ("ly", PosTag.RB), ("ing", PosTag.VBG), ("ed", PosTag.VBN), ("ies", PosTag.NNS), ("ss", PosTag.NN),
        ("us", PosTag.NN), ("is", PosTag.NN), ("s", PosTag.NNS),
    ];

    public static PosTag[] Guess(string word, bool sentenceStart, TaggerLexicon lexicon)
    {
        var dash = word.LastIndexOfAny(['-', '/']);
        if (dash > 0 && dash < word.Length - 1)
        {
            return Compound(word[(dash + 1)..], lexicon);
        }

        if (!word.Any(char.IsLetter))
        {
            return [PosTag.CD];
        }

        if (word.Any(char.IsDigit))
        {
            return [PosTag.NN];
        }

        // A capital inside a sentence, or an acronym anywhere, names something.
        if ((char.IsUpper(word[0]) && !sentenceStart) || (word.Length >= 2 && word.All(c => !char.IsLower(c))))
        {
            return [PosTag.NNP];
        }

        var lower = word.ToLowerInvariant();
        foreach (var (suffix, tag) in Suffixes)
        {
            if (lower.Length >= suffix.Length + 3 && lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return [tag];
            }
        }

        return [PosTag.NN];
    }

    /// <summary>
    /// A hyphenated compound takes its class from its last part, except that a participle there makes an adjective
    /// ("knowledge-based", "data-driven", "time-varying").
    /// </summary>
    private static PosTag[] Compound(string last, TaggerLexicon lexicon)
    {
        var tags = lexicon.TryGetTags(last.ToLowerInvariant(), out var found) ? found : Guess(last, sentenceStart: true, lexicon);
        return tags[0] switch
        {
            PosTag.VBN or PosTag.VBD or PosTag.VBG => [PosTag.JJ],
            var t when t.IsNoun() => [t == PosTag.NNP ? PosTag.NN : t],
            var t when t.IsAdjective() => [PosTag.JJ],
            _ => [PosTag.JJ, PosTag.NN],
        };
    }
}
