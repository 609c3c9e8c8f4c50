using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Serverless.Core.Terminology;

/// <summary>
/// Splits text into words with Lucene's <see cref="StandardTokenizer"/> (Unicode word boundaries) and derives
/// sentence and phrase boundaries from the characters between words, which the tokenizer drops.
/// Thread-safe and allocation-light: the analyser reuses one token stream per thread.
/// </summary>
public static class DocumentTokenizer
{
    private static readonly Analyzer Words = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        return new TokenStreamComponents(source);
    });

    public static TokenizedDocument Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var title = TitleDetector.Find(text);
        var words = new List<WordToken>();
        var sentences = new List<TextSpan>();
        var sentenceStart = -1;
        var previousEnd = 0;

        using (var stream = Words.GetTokenStream("body", text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var start = offset.StartOffset;
                var end = offset.EndOffset;
                var surface = term.ToString();
                var inTitle = title is { } t && start < t.End;
                var first = words.Count == 0;
                var gap = text.AsSpan(previousEnd, start - previousEnd);
                var newSentence = first
                    || EndsSentence(gap)
                    || (title is { } t2 && previousEnd <= t2.End && start >= t2.End);

                if (newSentence)
                {
                    if (!first)
                    {
                        sentences.Add(new TextSpan(sentenceStart, start).Trimmed(text));
                    }

                    sentenceStart = start;
                }

                var lower = surface.ToLowerInvariant();
                words.Add(new WordToken(
                    words.Count,
                    surface,
                    lower,
                    PorterStemming.StemWord(lower),
                    start,
                    end,
                    sentences.Count,
                    BreaksBefore: newSentence || BreaksPhrase(gap),
                    inTitle));
                previousEnd = end;
            }

            stream.End();
        }

        if (words.Count > 0)
        {
            sentences.Add(new TextSpan(sentenceStart, text.Length).Trimmed(text));
        }

        return new TokenizedDocument(text, words, sentences, title is not null && words.Count > 0 && words[0].InTitle);
    }

    /// <summary>A full stop, question or exclamation mark, or a blank line between two words ends a sentence.</summary>
    private static bool EndsSentence(ReadOnlySpan<char> gap)
    {
        if (gap.IndexOfAny('.', '!', '?') >= 0)
        {
            return true;
        }

        var firstNewLine = gap.IndexOf('\n');
        return firstNewLine >= 0 && gap[(firstNewLine + 1)..].IndexOf('\n') >= 0 && gap.Trim().IsEmpty;
    }

    /// <summary>
    /// Words separated only by spaces, or joined by a bare hyphen or slash ("high-resolution", "input/output"),
    /// may belong to one phrase; any other punctuation separates phrases.
    /// </summary>
    private static bool BreaksPhrase(ReadOnlySpan<char> gap)
    {
        if (gap.Length == 1 && gap[0] is '-' or '/')
        {
            return false;
        }

        foreach (var c in gap)
        {
            if (!char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static TextSpan Trimmed(this TextSpan span, string text)
    {
        var end = span.End;
        while (end > span.Start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return span with { End = end };
    }
}
