using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Docs;

/// <summary>The README and docs/ link to each other; a moved section must not leave a link pointing at nothing.</summary>
public sealed class DocLinksTests
{
    public static TheoryData<string> Documents()
    {
        var documents = new TheoryData<string> { "README.md" };
        foreach (string path in Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            documents.Add(Path.GetRelativePath(RepoPaths.Root, path));
        }

        return documents;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_reaches_a_file_and_its_heading(string document)
    {
        string path = Path.Combine(RepoPaths.Root, document);
        MarkdownFile file = MarkdownFile.Read(path);
        var broken = new List<string>();
        foreach (string link in file.Links)
        {
            string[] parts = link.Split('#', 2);
            string target = parts[0].Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, parts[0]));
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                broken.Add($"{link}: no such file");
            }
            else if (parts.Length == 2 && !MarkdownFile.Read(target).Anchors.Contains(parts[1]))
            {
                broken.Add($"{link}: no such heading");
            }
        }

        Assert.True(broken.Count == 0, $"{document}: {string.Join("; ", broken)}");
    }

    [Theory]
    [InlineData("host.json", "hostjson")]
    [InlineData("Tuning caps for your machine", "tuning-caps-for-your-machine")]
    [InlineData("The runner's engine", "the-runners-engine")]
    [InlineData("Code tour: a user run from POST to manifest", "code-tour-a-user-run-from-post-to-manifest")]
    public void Anchors_are_made_as_GitHub_makes_them(string heading, string anchor) =>
        Assert.Equal(anchor, MarkdownFile.Anchor(heading));
}
