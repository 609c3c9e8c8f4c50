using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Serverless.Core.Terminology;

/// <summary>
/// Splits text into words with Lucene's <see cref="StandardTokenizer"/> (Unicode word boundaries) and derives
/// sentence and phrase boundaries from the characters between words, which the tokenizer drops. Written for text
/// taken from papers: Unicode dashes join compounds like the ASCII hyphen (<see cref="Dashes"/>), sentences glued
/// by a missing space are split (<see cref="SentencePunctuation"/>), and addresses (<see cref="NonProseSpans"/>)
/// and pieces of formulas (<see cref="EquationDebris"/>) yield no words, only a phrase break.
/// Thread-safe and allocation-light: the analyser reuses one token stream per thread.
/// </summary>
public static class DocumentTokenizer
{
    private static readonly Analyzer Words = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        return new TokenStreamComponents(source);
    });

    /// <summary>Tokenises <paramref name="text"/>; the result's text is it with its joining dashes made ASCII hyphens.</summary>
    public static TokenizedDocument Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Dashes.Normalize(text);
        var title = TitleDetector.Find(text);
        var words = new List<WordToken>();
        var sentences = new List<TextSpan>();
        var sentenceStart = -1;
        var previousEnd = 0;
        var previousLower = string.Empty;

        // A skipped address or formula leaves a phrase break, and the sentence end it may have been followed by.
        var skippedBreak = false;
        var skippedSentenceEnd = false;

        void Skip(int start, int end, string surface)
        {
            skippedSentenceEnd |= words.Count > 0 && SentencePunctuation.EndsSentence(GapTo(start), previousLower, surface);
            skippedBreak = true;
            previousEnd = end;
        }

        ReadOnlySpan<char> GapTo(int start) => text.AsSpan(previousEnd, start - previousEnd);

        void AddWord(int start, int end)
        {
            var surface = text[start..end];
            if (EquationDebris.IsDebris(surface))
            {
                Skip(start, end, surface);
                return;
            }

            var inTitle = title is { } t && start < t.End;
            var first = words.Count == 0;
            var gap = GapTo(start);
            var newSentence = first
                || skippedSentenceEnd
                || SentencePunctuation.EndsSentence(gap, previousLower, surface)
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
                BreaksBefore: newSentence || skippedBreak || BreaksPhrase(gap),
                inTitle));
            previousEnd = end;
            previousLower = lower;
            skippedBreak = false;
            skippedSentenceEnd = false;
        }

        var addresses = NonProseSpans.Find(text);
        var address = 0;
        var pendingStart = -1;
        var pendingEnd = -1;
        foreach (var (start, end) in LuceneTokens(text))
        {
            while (address < addresses.Count && addresses[address].End <= start)
            {
                address++;
            }

            var inAddress = address < addresses.Count && addresses[address].Start < end;

            // Lucene splits "knowledge-based" and "input/output"; the parts are one word to a reader and
            // to the references, so words joined by a bare hyphen or slash are merged back into one.
            if (!inAddress && pendingStart >= 0 && start - pendingEnd == 1 && text[pendingEnd] is '-' or '/')
            {
                pendingEnd = end;
                continue;
            }

            if (pendingStart >= 0)
            {
                AddWord(pendingStart, pendingEnd);
                pendingStart = -1;
            }

            if (inAddress)
            {
                // The whole address is skipped at its first piece, so the dots inside it end no sentence.
                var span = addresses[address];
                if (previousEnd < span.End)
                {
                    Skip(Math.Max(previousEnd, Math.Min(start, span.Start)), span.End, text[span.Start..span.End]);
                }

                continue;
            }

            pendingStart = start;
            pendingEnd = end;
        }

        if (pendingStart >= 0)
        {
            AddWord(pendingStart, pendingEnd);
        }

        if (words.Count > 0)
        {
            sentences.Add(new TextSpan(sentenceStart, text.Length).Trimmed(text));
        }

        return new TokenizedDocument(text, words, sentences, title is not null && words.Count > 0 && words[0].InTitle);
    }

    /// <summary>Lucene's word spans, with word pairs glued at a sentence end ("results.The") split in two.</summary>
    private static List<(int Start, int End)> LuceneTokens(string text)
    {
        var tokens = new List<(int Start, int End)>();
        using var stream = Words.GetTokenStream("body", text);
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var (start, end) = (offset.StartOffset, offset.EndOffset);
            var dot = end - start > 3 ? SentencePunctuation.GluedSentenceBreak(text.AsSpan(start, end - start)) : -1;
            if (dot > 0)
            {
                tokens.Add((start, start + dot));
                tokens.Add((start + dot + 1, end));
            }
            else
            {
                tokens.Add((start, end));
            }
        }

        stream.End();
        return tokens;
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
