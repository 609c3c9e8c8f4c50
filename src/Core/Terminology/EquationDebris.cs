namespace Serverless.Core.Terminology;

/// <summary>
/// Words that are pieces of mathematics, not terms. Text taken from typeset papers keeps inline formulas as
/// letters and digits: a symbol with its subscript ("k0", "x1"), a sub-figure or equation label ("2a", "3b"),
/// a symbol glued to the clause after a display equation ("xwhere"), Greek and Latin letters in one word
/// ("nπ", "Δx", "μm"), a fraction ("n/2", "nπ/2"). Real terms that hold digits keep them: chemical formulas
/// and names start with a capital ("Ti6Al4V", "CO2", "L1", "ResNet50"), dimensions end in D ("3D", "2d"),
/// and words of two letters or more before a digit are names ("word2vec", "ipv6", "mp3").
/// </summary>
public static class EquationDebris
{
    // Clause openers that follow a display equation or an inline symbol; a single letter glued to one of them is
    // extraction debris. Short words are left out because a letter plus "and", "on" or "in" makes real words.
    private static readonly string[] ClauseWords =
    [
        "where", "which", "with", "when", "while", "that", "this", "then", "there", "these", "those", "from", "such",
        "since", "thus", "hence", "whereas",
    ];

    /// <summary>True when the word (a token, possibly a hyphen or slash compound) is a piece of a formula.</summary>
    public static bool IsDebris(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var text = word.AsSpan();

        // In a fraction or ratio, a one-letter lower-case symbol or a number beside no capital marks mathematics
        // ("n/2", "x/y", "m/s", "spin-7/2"); names keep their capitals ("I/O", "A/D", "TCP/IP", the queue "M/D/1").
        var fraction = text.Contains('/');
        var numbersAreMath = fraction && !text.ContainsAnyInRange('A', 'Z');
        foreach (var range in text.SplitAny('-', '/'))
        {
            var part = text[range];
            if (fraction && (part.IsEmpty || (part.Length == 1 && char.IsLower(part[0])) || (numbersAreMath && IsNumber(part))))
            {
                return true;
            }

            if (IsDebrisPart(part))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDebrisPart(ReadOnlySpan<char> part)
    {
        if (part.Length < 2)
        {
            return false;
        }

        return IsSubscriptedSymbol(part) || IsLabel(part) || MixesGreekAndLatin(part) || IsGluedSymbol(part);
    }

    /// <summary>One lower-case letter and digits: "k0", "x12", "α2".</summary>
    private static bool IsSubscriptedSymbol(ReadOnlySpan<char> part) => char.IsLower(part[0]) && IsDigits(part[1..]);

    /// <summary>
    /// Digits and one lower-case letter other than "d" ("2a", "3b" label sub-figures and equations, "3x" is a factor),
    /// or an ordinal ("2nd", "19th").
    /// </summary>
    private static bool IsLabel(ReadOnlySpan<char> part)
    {
        var letters = 0;
        while (letters < part.Length && !char.IsDigit(part[part.Length - 1 - letters]))
        {
            letters++;
        }

        var digits = part[..^letters];
        var suffix = part[^letters..];
        if (digits.IsEmpty || !IsDigits(digits))
        {
            return false;
        }

        return (suffix.Length == 1 && char.IsLower(suffix[0]) && suffix[0] != 'd')
            || suffix is "st" or "nd" or "rd" or "th";
    }

    private static bool MixesGreekAndLatin(ReadOnlySpan<char> part)
    {
        bool greek = false, latin = false;
        foreach (var c in part)
        {
            greek |= c is (>= '\u0370' and <= '\u03FF') or '\u00B5'; // the micro sign stands for mu
            latin |= char.IsAsciiLetter(c);
        }

        return greek && latin;
    }

    /// <summary>One letter glued to a clause opener: "xwhere", "nsuch", "αwith".</summary>
    private static bool IsGluedSymbol(ReadOnlySpan<char> part)
    {
        if (!char.IsLetter(part[0]))
        {
            return false;
        }

        var rest = part[1..];
        foreach (var word in ClauseWords)
        {
            if (rest.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNumber(ReadOnlySpan<char> part)
    {
        var digit = false;
        foreach (var c in part)
        {
            if (char.IsLetter(c))
            {
                return false;
            }

            digit |= char.IsDigit(c);
        }

        return digit;
    }

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
