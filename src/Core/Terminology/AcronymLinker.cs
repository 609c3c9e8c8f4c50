namespace Serverless.Core.Terminology;

/// <summary>
/// Makes a defined acronym and its long form one candidate (see <see cref="AcronymFinder"/>): the long form's
/// candidate takes the acronym as a surface form and every bare use of the acronym elsewhere in the document as an
/// occurrence (<see cref="PhraseCandidate.AliasPositions"/>), and the acronym's own candidate is dropped. The term
/// is named by its long form, which is how readers and reference lists name it. A long form that candidate
/// selection did not propose (it holds a function word, "probability of detection (POD)") is added: the author
/// defined it as one term.
/// </summary>
public static class AcronymLinker
{
    public static IReadOnlyList<PhraseCandidate> Link(TokenizedDocument document, IReadOnlyList<PhraseCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(candidates);
        var definitions = AcronymFinder.Find(document);
        if (definitions.Count == 0)
        {
            return candidates;
        }

        var words = document.Words;
        var list = candidates.ToList();
        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var acronym = definition.Acronym;
            if (!linked.Add(acronym))
            {
                continue; // the first definition names the term
            }

            var key = StemKey(words, definition.LongFormStart, definition.LongFormEnd);
            var longIndex = list.FindIndex(c => c.Key == key);
            var longForm = longIndex >= 0 ? list[longIndex] : Create(document, definition, key);

            var aliases = new List<int>();
            var aliasForms = new List<string>();
            var whole = 0;
            var inTitle = false;
            for (var i = 0; i < words.Count; i++)
            {
                var surface = words[i].Surface;
                if (i == definition.AcronymWord || !(surface == acronym || surface == acronym + "s"))
                {
                    continue;
                }

                aliases.Add(i);
                whole += IsWholePhrase(words, i) ? 1 : 0;
                inTitle |= words[i].InTitle;
                if (!aliasForms.Contains(surface))
                {
                    aliasForms.Add(surface);
                }
            }

            var forms = longForm.SurfaceForms.ToList();
            var definitionForm = words[definition.AcronymWord].Surface;
            foreach (var form in aliasForms.Prepend(definitionForm).Where(f => !forms.Contains(f)))
            {
                forms.Add(form);
            }

            var merged = longForm with
            {
                SurfaceForms = forms,
                InTitle = longForm.InTitle || inTitle,
                MaximalCount = longForm.MaximalCount + whole,
                AliasPositions = [.. longForm.AliasPositions.Concat(aliases).Order()],
            };

            // The acronym's own candidate is the same term, its occurrences now the long form's; a word that merely
            // shares the acronym's letters ("art" beside "ART") keeps its candidate.
            var acronymKey = PorterStemming.StemWord(acronym.ToLowerInvariant());
            list.RemoveAll(c => c.Key == acronymKey && c.Key != key && c.SurfaceForms.All(f => f == acronym || f == acronym + "s"));
            if (longIndex >= 0)
            {
                list[list.FindIndex(c => c.Key == key)] = merged;
            }
            else
            {
                list.Add(merged);
            }
        }

        // Candidates stay in order of first occurrence, which an acronym in the title may have moved.
        return [.. list.OrderBy(c => c.FirstPosition)];
    }

    private static string StemKey(IReadOnlyList<WordToken> words, int start, int end) =>
        string.Join(' ', Enumerable.Range(start, end - start).Select(i => words[i].Stem));

    /// <summary>
    /// A long form that is no candidate yet, with all its occurrences in the text: the same stems in a row with no
    /// punctuation between them. The author defined it as one term, so each occurrence counts as a whole phrase.
    /// </summary>
    private static PhraseCandidate Create(TokenizedDocument document, AcronymDefinition definition, string key)
    {
        var words = document.Words;
        var length = definition.LongFormWords;
        var positions = new List<int>();
        var forms = new List<string>();
        var inTitle = false;
        for (var i = 0; i + length <= words.Count; i++)
        {
            if (!Enumerable.Range(0, length).All(k => words[i + k].Stem == words[definition.LongFormStart + k].Stem
                && (k == 0 || !words[i + k].BreaksBefore)))
            {
                continue;
            }

            positions.Add(i);
            inTitle |= words[i].InTitle;
            var form = TextNormalizer.CollapseWhitespace(document.Text[words[i].Start..words[i + length - 1].End]);
            if (!forms.Contains(form))
            {
                forms.Add(form);
            }
        }

        var canonical = TextNormalizer.CollapseWhitespace(
            document.Text[words[definition.LongFormStart].Start..words[definition.LongFormEnd - 1].End]).ToLowerInvariant();
        return new PhraseCandidate(key, canonical, forms, length, positions, inTitle, positions.Count);
    }

    /// <summary>An acronym standing alone (not modifying a following noun): punctuation or a stop word on each side.</summary>
    private static bool IsWholePhrase(IReadOnlyList<WordToken> words, int i) =>
        (words[i].BreaksBefore || StopWords.Contains(words[i - 1].Lower))
        && (i + 1 == words.Count || words[i + 1].BreaksBefore || StopWords.Contains(words[i + 1].Lower));
}
