namespace Serverless.Core.Terminology;

/// <summary>
/// Where sentences end in scientific prose. A full stop, question or exclamation mark ends one, except that a
/// period never ends a sentence before a lower-case word ("e.g. the", "et al. showed", "U.S. patents") nor after an
/// abbreviation that always has something after it ("Fig. 2", "Eq. (3)", "cf. Section 4"). Text extracted from PDF
/// loses the space after a period ("results.The method"); such a word pair is split back into two sentences.
/// </summary>
public static class SentencePunctuation
{
    // Abbreviations of scholarly prose that introduce what follows, so their period is never a sentence end.
    // ("et al." and "etc." do end sentences: they are told apart by the capital that follows.)
    private static readonly HashSet<string> LeadingAbbreviations = new(StringComparer.Ordinal)
    {
        "e.g", "i.e", "eg", "ie", "cf", "vs", "viz", "fig", "figs", "eq", "eqs", "eqn", "eqns", "ref", "refs", "sec",
        "secs", "sect", "tab", "approx", "resp", "ch", "pp", "vol", "no", "nos",
    };

    /// <summary>
    /// True when the characters between two words end a sentence. <paramref name="previousLower"/> is the word before
    /// the gap, lower-cased; <paramref name="next"/> the word after it as written.
    /// </summary>
    public static bool EndsSentence(ReadOnlySpan<char> gap, string previousLower, string next)
    {
        ArgumentNullException.ThrowIfNull(previousLower);
        ArgumentNullException.ThrowIfNull(next);
        if (gap.IndexOfAny('!', '?') >= 0)
        {
            return true;
        }

        var firstNewLine = gap.IndexOf('\n');
        if (firstNewLine >= 0 && gap[(firstNewLine + 1)..].IndexOf('\n') >= 0 && gap.Trim().IsEmpty)
        {
            return true;
        }

        if (gap.IndexOf('.') < 0 || (next.Length > 0 && char.IsLower(next[0])))
        {
            return false;
        }

        return !(gap[0] == '.' && LeadingAbbreviations.Contains(previousLower));
    }

    /// <summary>
    /// The offset of the period inside a word pair glued by PDF extraction ("results.The", "grid.Each"), or -1.
    /// The pair is a lower-case word of two letters or more, one period and a capitalised word, both letters only;
    /// abbreviations ("e.g", "U.S"), decimals ("3.5"), host and file names ("example.com", "main.py") and dotted code
    /// names ("java.util.List") do not have that shape.
    /// </summary>
    public static int GluedSentenceBreak(ReadOnlySpan<char> token)
    {
        var dot = token.IndexOf('.');
        if (dot < 2 || dot >= token.Length - 1 || token[(dot + 1)..].IndexOf('.') >= 0)
        {
            return -1;
        }

        var before = token[..dot];
        var after = token[(dot + 1)..];
        if (!char.IsLower(before[^1]) || !char.IsUpper(after[0]) || !IsLetters(before) || !IsLetters(after))
        {
            return -1;
        }

        return dot;
    }

    private static bool IsLetters(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
