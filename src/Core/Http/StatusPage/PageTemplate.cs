using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Core.Http.StatusPage;

/// <summary>
/// An HTML page kept as an embedded resource, with <c>{{name}}</c> placeholders. Read and split once; rendering only
/// concatenates. Values are inserted as given: the caller encodes them. Its <see cref="ContentSecurityPolicy"/> is fixed with it.
/// </summary>
public sealed partial class PageTemplate
{
    readonly string[] literals;
    readonly string[] names;

    PageTemplate(string[] literals, string[] names, string contentSecurityPolicy)
    {
        this.literals = literals;
        this.names = names;
        ContentSecurityPolicy = contentSecurityPolicy;
    }

    /// <summary>The page's policy (<see cref="PagePolicy"/>), to be sent with every rendering of it.</summary>
    public string ContentSecurityPolicy { get; }

    public static PageTemplate Load(Assembly assembly, string resourceName)
    {
        using Stream stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // A browser hashes an inline script as parsed, with line ends as LF, whatever the checkout did to them.
        return Parse(reader.ReadToEnd().ReplaceLineEndings("\n").TrimEnd());
    }

    public static PageTemplate Parse(string text)
    {
        var literals = new List<string>();
        var names = new List<string>();
        int at = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            literals.Add(text[at..match.Index]);
            names.Add(match.Groups[1].Value);
            at = match.Index + match.Length;
        }

        literals.Add(text[at..]);
        return new PageTemplate([.. literals], [.. names], PagePolicy.For(text));
    }

    /// <summary>The page with every placeholder replaced; a placeholder without a value is a programming error.</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        var page = new StringBuilder(literals.Sum(l => l.Length) + 1024);
        for (int i = 0; i < names.Length; i++)
        {
            page.Append(literals[i]);
            page.Append(
                values.TryGetValue(names[i], out string? value) ? value : throw new KeyNotFoundException($"No value for {{{{{names[i]}}}}}."));
        }

        return page.Append(literals[^1]).ToString();
    }

    [GeneratedRegex(@"\{\{([A-Za-z]+)\}\}")]
    private static partial Regex Placeholder();
}
