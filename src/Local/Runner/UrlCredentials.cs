using System.Text.RegularExpressions;

namespace Serverless.Local.Runner;

/// <summary>A URL's user and password (<c>https://user:secret@host</c>) never reach the terminal or a log line.</summary>
public static partial class UrlCredentials
{
    public static string Redact(string text) => InUrl().Replace(text, "://***@");

    [GeneratedRegex(@"://[^/@\s'""]+@")]
    private static partial Regex InUrl();
}
