namespace Serverless.Core.Terminology;

/// <summary>
/// A small rule-based part-of-speech tagger in the manner of Brill's: every word starts with its most likely tag from
/// <see cref="TaggerLexicon"/> (or from its shape, <see cref="UnknownWordTags"/>), then a few contextual rules, each a
/// general fact of English syntax, choose among the tags an ambiguous word may have. Its one job here is to tell
/// the nouns and adjectives of a term from the verbs of a clause ("sensors measure temperature"). Thread-safe.
/// </summary>
public static class PartOfSpeechTagger
{
    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "be", "is", "are", "was", "were", "been", "being", "am", "has", "have", "had", "having", "get", "gets", "got",
    };

    private static readonly HashSet<string> SingularPronouns = new(StringComparer.Ordinal) { "it", "he", "she", "this", "that" };

    /// <summary>Tags every word of the document; sentences are tagged independently.</summary>
    public static PosTag[] Tag(TokenizedDocument document, TaggerLexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var words = document.Words;
        var surfaces = new string[words.Count];
        var starts = new bool[words.Count];
        var breaks = new bool[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            surfaces[i] = words[i].Surface;
            starts[i] = i == 0 || words[i].Sentence != words[i - 1].Sentence;
            breaks[i] = starts[i] || words[i].BreaksBefore;
        }

        return Tag(surfaces, starts, breaks, lexicon ?? TaggerLexicon.Default);
    }

    /// <summary>Tags one sentence given as words.</summary>
    public static PosTag[] TagSentence(IReadOnlyList<string> words, TaggerLexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        var starts = new bool[words.Count];
        if (starts.Length > 0)
        {
            starts[0] = true;
        }

        return Tag(words, starts, starts, lexicon ?? TaggerLexicon.Default);
    }

    /// <param name="breaksBefore">
    /// Punctuation before the word (a comma, a bracket) or a sentence start: the word after such a break is not what the
    /// word before it governs ("Runge-Kutta schemes, a ..." is no verb taking "a" as its object).
    /// </param>
    private static PosTag[] Tag(IReadOnlyList<string> words, bool[] sentenceStarts, bool[] breaksBefore, TaggerLexicon lexicon)
    {
        var options = new PosTag[words.Count][];
        for (var i = 0; i < words.Count; i++)
        {
            options[i] = Lookup(words[i], sentenceStarts[i], lexicon);
        }

        var tags = new PosTag[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            var start = sentenceStarts[i];
            var previous = start ? PosTag.Other : tags[i - 1];
            var previousWord = start ? string.Empty : words[i - 1].ToLowerInvariant();
            var next = i + 1 < words.Count && !breaksBefore[i + 1] ? options[i + 1][0] : PosTag.Other;
            tags[i] = Choose(options[i], start, previous, previousWord, next);
        }

        return tags;
    }

    private static PosTag[] Lookup(string word, bool sentenceStart, TaggerLexicon lexicon)
    {
        var lower = word.ToLowerInvariant();

        // A capital at a sentence start, or in a title-cased heading, says nothing of the word class.
        if ((sentenceStart || char.IsUpper(word[0])) && !IsAcronym(word) && lexicon.TryGetTags(lower, out var lowerTags))
        {
            return lowerTags;
        }

        if (lexicon.TryGetTags(word, out var tags) || lexicon.TryGetTags(lower, out tags))
        {
            return tags;
        }

        return UnknownWordTags.Guess(word, sentenceStart, lexicon);
    }

    private static bool IsAcronym(string word) => word.Length >= 2 && word.All(c => !char.IsLower(c)) && word.Any(char.IsLetter);

    private static PosTag Choose(PosTag[] options, bool start, PosTag previous, string previousWord, PosTag next)
    {
        var first = options[0];
        if (first.IsClosedClass())
        {
            return first;
        }

        // After an article or adjective, a form the lexicon knows only as a verb is a noun ("coarse meshes", "a query").
        if (previous.IsAdjective() || previousWord is "a" or "an" or "the")
        {
            if (options.Length == 1 && first is PosTag.VBZ or PosTag.VB or PosTag.VBP)
            {
                return first == PosTag.VBZ ? PosTag.NNS : PosTag.NN;
            }
        }

        if (options.Length == 1)
        {
            return first;
        }

        // After a determiner, adjective, number, possessive or preposition (or at the start of a sentence) comes a noun
        // phrase; of its readings the word takes the first that can sit in one.
        if (start || previous is PosTag.DT or PosTag.PRPS or PosTag.POS or PosTag.CD or PosTag.IN or PosTag.VBN
            || previous.IsAdjective())
        {
            // A participle before a noun modifies it ("a trained model"); elsewhere it is a noun or adjective if it can be.
            if (first is PosTag.VBN or PosTag.VBD && Has(options, PosTag.VBN) && next.CanBeInTerm())
            {
                return PosTag.VBN;
            }

            var inPhrase = First(options, t => t.CanBeInTerm() && t is not PosTag.VBN and not PosTag.VBG)
                ?? First(options, t => t.CanBeInTerm());
            return inPhrase is { } p ? EndOfPhrase(p, options, next) : first;
        }

        // A modal or "to" takes a bare verb; "be" and "have" take a participle.
        if (previous is PosTag.MD or PosTag.TO)
        {
            return Has(options, PosTag.VB) ? PosTag.VB : Has(options, PosTag.VBP) ? PosTag.VB : first;
        }

        if (Auxiliaries.Contains(previousWord))
        {
            return Has(options, PosTag.VBN) ? PosTag.VBN : Has(options, PosTag.VBG) ? PosTag.VBG : first;
        }

        // After a subject, a word that may be a verb agreeing with it is that verb, unless a verb follows, which makes
        // it the head of the subject instead ("the simulation results agree"). Noun modifiers are rarely plural, so a
        // plural noun followed by a present-tense form is a subject and its verb ("sensors measure temperature").
        var nextIsVerb = next.IsVerb();
        var plural = previous is PosTag.NNS or PosTag.NNPS || (previous == PosTag.PRP && !SingularPronouns.Contains(previousWord));
        if (plural && !nextIsVerb && (Has(options, PosTag.VBP) || Has(options, PosTag.VB)))
        {
            return PosTag.VBP;
        }

        var singular = previous is PosTag.NN or PosTag.NNP || (previous == PosTag.PRP && SingularPronouns.Contains(previousWord));
        if (singular && !nextIsVerb && Has(options, PosTag.VBZ)
            && (first == PosTag.VBZ || next is PosTag.DT or PosTag.PRPS or PosTag.IN or PosTag.RB or PosTag.CD or PosTag.TO))
        {
            return PosTag.VBZ;
        }

        if ((plural || singular) && !nextIsVerb && Has(options, PosTag.VBD) && !next.IsNoun())
        {
            return PosTag.VBD;
        }

        if (nextIsVerb && First(options, t => t.IsNoun()) is { } subject)
        {
            return subject;
        }

        return previous.IsNoun() ? EndOfPhrase(first, options, next) : first;
    }

    /// <summary>A word that closes a noun phrase and may be a noun is one ("the lattice constant was"): phrases end in nouns.</summary>
    private static PosTag EndOfPhrase(PosTag chosen, PosTag[] options, PosTag next)
    {
        if (chosen.CanEndTerm() || next.CanBeInTerm())
        {
            return chosen;
        }

        return First(options, t => t.IsNoun()) ?? chosen;
    }

    private static bool Has(PosTag[] options, PosTag tag) => Array.IndexOf(options, tag) >= 0;

    private static PosTag? First(PosTag[] options, Func<PosTag, bool> test)
    {
        foreach (var option in options)
        {
            if (test(option))
            {
                return option;
            }
        }

        return null;
    }
}
