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

        void AddWord(int start, int end)
        {
            var surface = text[start..end];
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

        using (var stream = Words.GetTokenStream("body", text))
        {
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            var pendingStart = -1;
            var pendingEnd = -1;
            while (true)
            {
                var more = stream.IncrementToken();
                var start = more ? offset.StartOffset : -1;
                var end = more ? offset.EndOffset : -1;

                // Lucene splits "knowledge-based" and "input/output"; the parts are one word to a reader and
                // to the references, so words joined by a bare hyphen or slash are merged back into one.
                if (more && pendingStart >= 0 && start - pendingEnd == 1 && text[pendingEnd] is '-' or '/')
                {
                    pendingEnd = end;
                    continue;
                }

                if (pendingStart >= 0)
                {
                    AddWord(pendingStart, pendingEnd);
                }

                if (!more)
                {
                    break;
                }

                pendingStart = start;
                pendingEnd = end;
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

    /// <summary>Words separated only by whitespace may belong to one phrase; any punctuation separates phrases.</summary>
    private static bool BreaksPhrase(ReadOnlySpan<char> gap)
    {
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
