using System.Text.RegularExpressions;

namespace Serverless.Tests.Docs;

/// <summary>A markdown file of the repository: its relative links and the anchors its headings get on GitHub.</summary>
public sealed partial class MarkdownFile
{
    MarkdownFile(string path, string text)
    {
        Path = path;
        Text = text;
        string prose = FencedBlock().Replace(text, "");
        Links = [.. InlineLink().Matches(prose).Select(match => match.Groups[1].Value).Where(link => !UriScheme().IsMatch(link))];
        Anchors = prose.Split('\n').Where(line => line.StartsWith('#')).Select(line => Anchor(line.TrimStart('#'))).ToHashSet(StringComparer.Ordinal);
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>Links to files of the repository or to headings (<c>docs/engine.md#hostjson</c>), not to web pages.</summary>
    public IReadOnlyList<string> Links { get; }

    public IReadOnlySet<string> Anchors { get; }

    public static MarkdownFile Read(string path) => new(path, File.ReadAllText(path));

    /// <summary>GitHub's: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens.</summary>
    public static string Anchor(string heading) =>
        NotInAnchor().Replace(heading.Trim().ToLowerInvariant(), "").Replace(' ', '-');

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex UriScheme();

    [GeneratedRegex(@"[^\p{L}\p{Nd}\- _]")]
    private static partial Regex NotInAnchor();
}
