namespace Serverless.Core.Terminology;

/// <summary>
/// Finds the spans of a paper that are addresses, not prose: URLs, e-mail addresses, DOIs and arXiv identifiers.
/// Their pieces ("github", "doi", "j.jcp", "gmail") are never terms, and their dots are not full stops.
/// Each is a whitespace-delimited token, less the punctuation that wraps or ends it in a sentence.
/// </summary>
public static class NonProseSpans
{
    // Generic top-level domains, in lower case, that mark a bare host name ("github.com/org/repo") in running text.
    // Country codes are left out: ".in", ".it", ".is", ".to" end ordinary words glued to the next sentence
    // ("results.It"); upper case is a product name ("ASP.NET").
    private static readonly string[] HostSuffixes = [".com", ".org", ".net", ".edu", ".gov", ".io"];

    public static IReadOnlyList<TextSpan> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<TextSpan>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var start = i;
            var marked = false;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                marked |= text[i] is '@' or ':' or '.' or '/';
                i++;
            }

            if (marked && Trim(text, start, i) is { } token && IsAddress(text.AsSpan(token.Start, token.Length)))
            {
                spans.Add(token);
            }
        }

        return spans;
    }

    /// <summary>True for a URL, e-mail address, DOI or arXiv identifier, already stripped of sentence punctuation.</summary>
    public static bool IsAddress(ReadOnlySpan<char> token) =>
        token.Contains("://", StringComparison.Ordinal)
        || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
        || token.StartsWith("doi:", StringComparison.OrdinalIgnoreCase)
        || token.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase)
        || IsDoi(token)
        || IsEmail(token)
        || IsHost(token);

    /// <summary>"10." then a registrant code of 4-9 digits, a slash and a suffix (the DOI syntax).</summary>
    private static bool IsDoi(ReadOnlySpan<char> token)
    {
        if (!token.StartsWith("10.", StringComparison.Ordinal))
        {
            return false;
        }

        var slash = token.IndexOf('/');
        var registrant = slash > 3 ? token[3..slash] : [];
        return registrant.Length is >= 4 and <= 9 && !registrant.ContainsAnyExcept("0123456789.") && slash < token.Length - 1;
    }

    private static bool IsEmail(ReadOnlySpan<char> token)
    {
        var at = token.IndexOf('@');
        if (at <= 0)
        {
            return false;
        }

        var domain = token[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 2 && char.IsLetter(domain[dot + 1]);
    }

    /// <summary>
    /// A host name under a generic top-level domain with a path ("github.com/org/repo") or a sub-domain
    /// ("cs.example.edu"). A bare second-level name ("Amazon.com", "dot.com") is a company's name in prose.
    /// </summary>
    private static bool IsHost(ReadOnlySpan<char> token)
    {
        var slash = token.IndexOf('/');
        var host = slash >= 0 ? token[..slash] : token;
        if (host.Length < 5 || !char.IsLetterOrDigit(host[0]) || (slash < 0 && host.Count('.') < 2))
        {
            return false;
        }

        foreach (var c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
            {
                return false;
            }
        }

        foreach (var suffix in HostSuffixes)
        {
            if (host.EndsWith(suffix, StringComparison.Ordinal) && host.Length > suffix.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The token without the brackets and quotes around it and the punctuation after it. A closing bracket stays when
    /// the token opened one ("https://en.wikipedia.org/wiki/Set_(mathematics)").
    /// </summary>
    private static TextSpan? Trim(string text, int start, int end)
    {
        while (start < end && text[start] is '(' or '[' or '{' or '<' or '"' or '\'' or '\u201C' or '\u2018')
        {
            start++;
        }

        while (end > start)
        {
            var c = text[end - 1];
            var closesOwnBracket = (c == ')' && text.AsSpan(start, end - start).Contains('('))
                || (c == ']' && text.AsSpan(start, end - start).Contains('['));
            if (closesOwnBracket || !(c is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '>' or '"' or '\''
                or '\u201D' or '\u2019'))
            {
                break;
            }

            end--;
        }

        return end > start ? new TextSpan(start, end) : null;
    }
}
