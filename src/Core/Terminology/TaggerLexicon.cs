using System.IO.Compression;
using System.Reflection;

namespace Serverless.Core.Terminology;

/// <summary>
/// The tagger's data, embedded in this assembly (Data/PROVENANCE.md): an English lexicon of word forms with their Penn tags,
/// most likely first, and the most frequent word forms of general English. Loaded once per process, then read-only.
/// </summary>
public sealed class TaggerLexicon
{
    private static readonly Lazy<TaggerLexicon> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, PosTag[]> tags;
    private readonly HashSet<string> common;

    public TaggerLexicon(Dictionary<string, PosTag[]> tags, HashSet<string> common)
    {
        this.tags = tags ?? throw new ArgumentNullException(nameof(tags));
        this.common = common ?? throw new ArgumentNullException(nameof(common));
    }

    public static TaggerLexicon Default => Shared.Value;

    public int Count => tags.Count;

    /// <summary>The tags of <paramref name="word"/> as spelled (case matters: "US" is not "us"), most likely first.</summary>
    public bool TryGetTags(string word, out PosTag[] found) => tags.TryGetValue(word, out found!);

    /// <summary>True when the lower-case word form is among the most frequent of general English.</summary>
    public bool IsCommon(string lowerCaseWord) => common.Contains(lowerCaseWord);

    private static TaggerLexicon Load()
    {
        var tags = new Dictionary<string, PosTag[]>(120_000, StringComparer.Ordinal);
        foreach (var line in ReadLines("en-lexicon.tsv.gz"))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            var parsed = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToArray();
            if (parsed.Length > 0)
            {
                tags[line[..tab]] = parsed;
            }
        }

        var common = new HashSet<string>(ReadLines("common-words.txt.gz").Where(l => l.Length > 0), StringComparer.Ordinal);
        return new TaggerLexicon(tags, common);
    }

    private static PosTag Parse(string tag) =>
        Enum.TryParse<PosTag>(tag.Replace('$', 'S'), ignoreCase: false, out var parsed) ? parsed : PosTag.Other;

    private static IEnumerable<string> ReadLines(string resource)
    {
        var name = $"Serverless.Core.Terminology.Data.{resource}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from Serverless.Core.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
