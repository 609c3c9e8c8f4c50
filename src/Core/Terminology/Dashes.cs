namespace Serverless.Core.Terminology;

/// <summary>
/// Typeset papers write compound names with Unicode dashes ("Runge–Kutta", "Cahn–Hilliard", "Dirac–Fock") and
/// minus signs where plain text has an ASCII hyphen. Mapping them to '-' keeps such compounds whole and makes
/// "Runge–Kutta" and "Runge-Kutta" one term. The em dash and the horizontal bar are left alone: they set off a
/// clause ("the solver—unlike its predecessors—converges"), so they separate phrases and never join words.
/// </summary>
public static class Dashes
{
    private static readonly System.Buffers.SearchValues<char> JoiningDashes =
        System.Buffers.SearchValues.Create("\u2010\u2011\u2012\u2013\u2212");

    /// <summary>Hyphen, non-breaking hyphen, figure dash, en dash (U+2010–U+2013) and the minus sign (U+2212).</summary>
    public static bool IsJoiningDash(char c) => c is >= '\u2010' and <= '\u2013' or '\u2212';

    /// <summary>The text with every joining dash replaced by '-'; same length, so every offset still holds.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny(JoiningDashes);
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (buffer, state) =>
        {
            state.text.AsSpan().CopyTo(buffer);
            for (var i = state.first; i < buffer.Length; i++)
            {
                if (IsJoiningDash(buffer[i]))
                {
                    buffer[i] = '-';
                }
            }
        });
    }
}
