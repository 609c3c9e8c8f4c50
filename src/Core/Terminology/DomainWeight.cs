namespace Serverless.Core.Terminology;

/// <summary>
/// Whether a single word can be a term by itself. Most single words of a paper are everyday vocabulary ("point", "zero",
/// "methods"); a single word is a term when it is an acronym (DFT, SVM) or rare in general English, judged by the most
/// frequent word forms of a general corpus that ship with the tagger (<see cref="TaggerLexicon.IsCommon"/>).
/// </summary>
public static class DomainWeight
{
    /// <summary>True when none of the written forms is an acronym and the word (or its singular) is common English.</summary>
    public static bool IsGeneralWord(IReadOnlyList<string> surfaceForms, TaggerLexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(surfaceForms);
        if (surfaceForms.Count == 0 || surfaceForms.Any(IsAcronym))
        {
            return false;
        }

        var common = lexicon ?? TaggerLexicon.Default;
        return surfaceForms.Select(f => f.ToLowerInvariant()).Any(w => common.IsCommon(w) || Singulars(w).Any(common.IsCommon));
    }

    /// <summary>Two or more letters, none lower case but a plural "s" ("DFT", "CO2", "GPUs").</summary>
    public static bool IsAcronym(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var core = word.Length > 2 && word[^1] == 's' && char.IsUpper(word[^2]) ? word[..^1] : word;
        return core.Count(char.IsLetter) >= 2 && !core.Any(char.IsLower);
    }

    private static IEnumerable<string> Singulars(string word)
    {
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            yield return string.Concat(word.AsSpan(0, word.Length - 3), "y");
        }

        if (word.EndsWith("es", StringComparison.Ordinal) && word.Length > 3)
        {
            yield return word[..^2];
        }

        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && word.Length > 2)
        {
            yield return word[..^1];
        }
    }
}
