using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Core.Http.StatusPage;

/// <summary>
/// The Content-Security-Policy of a self-contained page: its own inline script and style run, by hash, and nothing else does
/// (no other script, style attribute, image, font, frame, form target or base URL); it may call its own origin's API and may not
/// be framed. Hashes, not 'unsafe-inline', so that even markup injected into the page could not run.
/// </summary>
public static partial class PagePolicy
{
    /// <summary>The policy for <paramref name="html"/>; its inline scripts and styles must be fixed text (no placeholders).</summary>
    public static string For(string html) =>
        $"default-src 'none'; script-src {Hashes(html, ScriptElement())}; style-src {Hashes(html, StyleElement())}; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static string Hashes(string html, Regex element)
    {
        var hashes = new List<string>();
        foreach (Match match in element.Matches(html))
        {
            string content = match.Groups[1].Value;
            if (content.Contains("{{", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("An inline script or style holds a placeholder: its hash would not match the page served.");
            }

            hashes.Add($"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}'");
        }

        return hashes.Count == 0 ? "'none'" : string.Join(' ', hashes);
    }

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
