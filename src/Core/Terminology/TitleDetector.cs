namespace Serverless.Core.Terminology;

/// <summary>
/// Finds a leading title line. Titles carry a document's key terms more densely than any other sentence,
/// but they end without a full stop, so without this they would be glued to the first sentence of the body.
/// </summary>
public static class TitleDetector
{
    private const int MaxTitleWords = 30;

    /// <summary>
    /// Returns the span of the title, or null. The first logical line is a title when another line follows,
    /// it has at most 30 words, ends without sentence punctuation, and the next line starts with a capital
    /// or a digit. Indented lines continue the line before them (abstract databases wrap long titles that way).
    /// </summary>
    public static TextSpan? Find(string text)
    {
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = FirstLogicalLineEnd(text, start);
        if (end < 0)
        {
            return null;
        }

        var next = end;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        if (next >= text.Length || !(char.IsUpper(text[next]) || char.IsDigit(text[next])))
        {
            return null;
        }

        var title = text.AsSpan(start, end - start).TrimEnd();
        if (title.IsEmpty || ".!?:;,".Contains(title[^1]) || CountWords(title) > MaxTitleWords)
        {
            return null;
        }

        return new TextSpan(start, start + title.Length);
    }

    /// <summary>Offset of the line break that ends the first logical line, or -1 when the text is one line.</summary>
    private static int FirstLogicalLineEnd(string text, int from)
    {
        for (var i = text.IndexOf('\n', from); i >= 0 && i < text.Length - 1; i = text.IndexOf('\n', i + 1))
        {
            var following = text[i + 1];
            if (following is ' ' or '\t')
            {
                continue;
            }

            return i;
        }

        return -1;
    }

    private static int CountWords(ReadOnlySpan<char> span)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in span)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace && !inWord)
            {
                count++;
            }

            inWord = !isSpace;
        }

        return count;
    }
}
