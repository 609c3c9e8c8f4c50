namespace Serverless.Core.Terminology;

/// <summary>
/// Finds acronym definitions with the algorithm of Schwartz and Hearst (2003): a parenthesised acronym after a
/// phrase ("support vector machine (SVM)"), or a phrase in parentheses after an acronym ("SVM (support vector
/// machine)"), where the acronym's letters and digits are found right to left in the phrase, its first letter at
/// the start of a word. The phrase has at most min(|A| + 5, 2|A|) words for an acronym of |A| characters, lies in
/// one stretch of text without punctuation, and neither starts nor ends with a stop word.
/// </summary>
public static class AcronymFinder
{
    private const int MaxAcronymLength = 10;

    public static IReadOnlyList<AcronymDefinition> Find(TokenizedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var words = document.Words;
        var text = document.Text;
        var definitions = new List<AcronymDefinition>();
        for (var i = 0; i < words.Count; i++)
        {
            if (AcronymOf(words[i].Surface) is not { } acronym)
            {
                continue;
            }

            var maxWords = Math.Min(acronym.Length + 5, 2 * acronym.Length);
            if (i > 0 && IsParenthesised(text, words[i]) && Gap(text, words[i - 1], words[i]) is "(")
            {
                // "long form (ACR)": the long form ends right before the parenthesis.
                var first = i - 1;
                while (first > 0 && !words[first].BreaksBefore && i - first < maxWords)
                {
                    first--;
                }

                if (Match(acronym, words, first, i) is { } start && IsLongForm(acronym, words, start, i))
                {
                    definitions.Add(new AcronymDefinition(acronym, start, i, i));
                }
            }
            else if (i + 1 < words.Count && Gap(text, words[i], words[i + 1]) is "(")
            {
                // "ACR (long form)": the whole parenthesis is the long form.
                var last = i + 1;
                while (last + 1 < words.Count && !words[last + 1].BreaksBefore && last + 1 - i <= maxWords)
                {
                    last++;
                }

                var closes = words[last].End < text.Length && text[words[last].End] == ')';
                if (closes && Match(acronym, words, i + 1, last + 1) == i + 1 && IsLongForm(acronym, words, i + 1, last + 1))
                {
                    definitions.Add(new AcronymDefinition(acronym, i + 1, last + 1, i));
                }
            }
        }

        return definitions;
    }

    /// <summary>
    /// The acronym a word can be, or null: 2 to 10 characters, letters and digits (and hyphens), starting with a
    /// letter and holding at least two capitals; a plural "s" after capitals is dropped ("CNNs" is "CNN").
    /// </summary>
    public static string? AcronymOf(string surface)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var core = surface.Length > 2 && surface[^1] == 's' && char.IsUpper(surface[^2]) ? surface[..^1] : surface;
        if (core.Length is < 2 or > MaxAcronymLength || !char.IsLetter(core[0]))
        {
            return null;
        }

        var capitals = 0;
        foreach (var c in core)
        {
            if (!(char.IsLetterOrDigit(c) || c == '-'))
            {
                return null;
            }

            capitals += char.IsUpper(c) ? 1 : 0;
        }

        return capitals >= 2 ? core : null;
    }

    /// <summary>
    /// Schwartz–Hearst matching of <paramref name="acronym"/> into the words [<paramref name="from"/>,
    /// <paramref name="to"/>): the index of the word where the shortest matching long form starts, or null.
    /// </summary>
    public static int? Match(string acronym, IReadOnlyList<WordToken> words, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(acronym);
        ArgumentNullException.ThrowIfNull(words);
        var w = to - 1;
        var c = words[w].Lower.Length - 1;
        for (var s = acronym.Length - 1; s >= 0; s--)
        {
            var target = char.ToLowerInvariant(acronym[s]);
            if (!char.IsLetterOrDigit(target))
            {
                continue;
            }

            // The first character of the acronym must start a word (or a part of a hyphenated compound).
            while (true)
            {
                if (c < 0)
                {
                    if (--w < from)
                    {
                        return null;
                    }

                    c = words[w].Lower.Length - 1;
                    continue;
                }

                var lower = words[w].Lower;
                if (lower[c] == target && (s > 0 || c == 0 || !char.IsLetterOrDigit(lower[c - 1])))
                {
                    break;
                }

                c--;
            }

            c--;
        }

        return w;
    }

    /// <summary>
    /// Guards against chance matches: the long form neither starts nor ends with a stop word and does not contain the
    /// acronym; a one-word long form ("electroencephalography (EEG)") needs an acronym of three or more characters.
    /// </summary>
    private static bool IsLongForm(string acronym, IReadOnlyList<WordToken> words, int start, int end)
    {
        if (StopWords.Contains(words[start].Lower) || StopWords.Contains(words[end - 1].Lower))
        {
            return false;
        }

        if (end - start == 1 && acronym.Length < 3)
        {
            return false;
        }

        for (var i = start; i < end; i++)
        {
            if (AcronymOf(words[i].Surface) == acronym)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsParenthesised(string text, WordToken word) =>
        word.Start > 0 && text[word.Start - 1] == '(' && word.End < text.Length && text[word.End] is ')' or ',' or ';';

    /// <summary>The punctuation between two words, whitespace removed.</summary>
    private static string Gap(string text, WordToken before, WordToken after)
    {
        var gap = text.AsSpan(before.End, after.Start - before.End);
        Span<char> kept = stackalloc char[Math.Min(gap.Length, 8)];
        var n = 0;
        foreach (var ch in gap)
        {
            if (!char.IsWhiteSpace(ch))
            {
                if (n == kept.Length)
                {
                    return string.Empty;
                }

                kept[n++] = ch;
            }
        }

        return new string(kept[..n]);
    }
}
