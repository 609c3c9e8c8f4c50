using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Serverless.Core.Terminology;

/// <summary>
/// Porter stemming through Lucene's <see cref="PorterStemFilter"/> (Lucene keeps its PorterStemmer internal).
/// Thread-safe: Lucene analysers reuse one token stream per thread.
/// </summary>
public static class PorterStemming
{
    private static readonly Analyzer WholeWord = Analyzer.NewAnonymous((_, reader) =>
    {
        // KeywordTokenizer hands the whole input to the stemmer as one term, so a word is stemmed exactly once.
        var source = new KeywordTokenizer(reader);
        return new TokenStreamComponents(source, new PorterStemFilter(source));
    });

    private static readonly Analyzer WhitespaceWords = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new WhitespaceTokenizer(LuceneVersion.LUCENE_48, reader);
        return new TokenStreamComponents(source, new PorterStemFilter(new LowerCaseFilter(LuceneVersion.LUCENE_48, source)));
    });

    /// <summary>Stems one already lower-cased word.</summary>
    public static string StemWord(string lowerCaseWord)
    {
        if (lowerCaseWord.Length == 0)
        {
            return lowerCaseWord;
        }

        var stems = Run(WholeWord, lowerCaseWord);
        return stems.Count == 1 ? stems[0] : lowerCaseWord;
    }

    /// <summary>
    /// Lower-cases a phrase, splits it on whitespace and stems every word: the normalisation of the
    /// pke keyphrase benchmarks, used to decide whether a prediction matches a reference phrase.
    /// </summary>
    public static string StemPhrase(string phrase) => string.Join(' ', Run(WhitespaceWords, phrase));

    private static List<string> Run(Analyzer analyzer, string text)
    {
        var result = new List<string>(4);
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            result.Add(term.ToString());
        }

        stream.End();
        return result;
    }
}
