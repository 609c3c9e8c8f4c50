using System.Text;

namespace Serverless.Core.Articles;

/// <summary>Turns an article's bytes into text, or says why they are not an article.</summary>
public static class ArticleText
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public sealed record Result(string? Text, string? Problem);

    public static Result Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return new Result(null, "the article is empty");
        }

        // NUL never occurs in text; its presence is the classic sign of a binary file.
        if (bytes.IndexOf((byte)0) >= 0)
        {
            return new Result(null, "the article is binary, not text (it contains NUL bytes)");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes);
        }
        catch (DecoderFallbackException e)
        {
            return new Result(null, $"the article is not valid UTF-8 (bad byte at index {e.Index})");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new Result(null, "the article has only whitespace");
        }

        int control = text.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'));
        return control > text.Length / 100
            ? new Result(null, $"the article is binary, not text ({control} control characters)")
            : new Result(text, null);
    }
}
