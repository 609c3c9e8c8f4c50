using System.IO.Compression;
using System.Text;

namespace Serverless.Core.Terminology.Evaluation;

/// <summary>
/// Reads the Inspec abstracts benchmark (Hulth, 2003) straight from its zip (Training.zip, Validation.zip,
/// Test.zip): <c>ID.abstr</c> holds title and abstract, <c>ID.uncontr</c> the uncontrolled reference key
/// phrases separated by ';' (possibly over several lines). The controlled <c>.contr</c> terms come from a
/// thesaurus and mostly do not occur in the text, so they are not used, as in the published benchmarks.
/// Data from the Inspec Database kindly supplied by The IET. Nothing from it is stored in this repository.
/// </summary>
public static class InspecDataset
{
    public static IReadOnlyList<LabeledDocument> Load(string zipPath)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        var abstracts = new Dictionary<string, string>(StringComparer.Ordinal);
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            var extension = Path.GetExtension(entry.Name);
            var target = extension switch
            {
                ".abstr" => abstracts,
                ".uncontr" => references,
                _ => null,
            };
            if (target is null)
            {
                continue;
            }

            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            target[Path.GetFileNameWithoutExtension(entry.Name)] = reader.ReadToEnd();
        }

        return abstracts.Keys
            .Where(references.ContainsKey)
            .OrderBy(id => id.Length).ThenBy(id => id, StringComparer.Ordinal) // numeric order for numeric ids
            .Select(id => new LabeledDocument(id, abstracts[id], ParseKeyphrases(references[id])))
            .ToList();
    }

    /// <summary>Splits a reference list on ';' and joins phrases that wrap over lines.</summary>
    public static IReadOnlyList<string> ParseKeyphrases(string raw) =>
        raw.Split(';')
            .Select(TextNormalizer.CollapseWhitespace)
            .Where(p => p.Length > 0)
            .ToList();
}
