namespace Serverless.Local.Tuning;

/// <summary>
/// The fixed sample the CPU sweep analyses: the articles cut into paragraph runs of similar length. Whole articles
/// range from 200 to 6,000 words, and with a few long ones the last worker would finish alone, which reads as poor
/// scaling; many similar pieces keep every worker busy until the end.
/// </summary>
public static class TuneSample
{
    static readonly string[] Extensions = [".txt", ".abstr"];

    public static IReadOnlyList<string> Load(DirectoryInfo folder, int maxDocuments, int minWords = 150)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDocuments, 1);
        var documents = new List<string>();
        IEnumerable<FileInfo> files = folder.EnumerateFiles()
            .Where(f => Extensions.Contains(f.Extension, StringComparer.OrdinalIgnoreCase))
            .OrderBy(f => f.Name, StringComparer.Ordinal);
        foreach (FileInfo file in files)
        {
            documents.AddRange(Pieces(File.ReadAllText(file.FullName), minWords));
        }

        return documents.Take(maxDocuments).ToList();
    }

    /// <summary>
    /// Consecutive paragraphs joined until each piece has at least <paramref name="minWords"/> words (the tail joins the last piece).
    /// </summary>
    public static IEnumerable<string> Pieces(string text, int minWords)
    {
        var current = new List<string>();
        int words = 0;
        var pieces = new List<string>();
        foreach (string paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split(
            '\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            current.Add(paragraph);
            words += paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (words >= minWords)
            {
                pieces.Add(string.Join('\n', current));
                current.Clear();
                words = 0;
            }
        }

        if (current.Count > 0)
        {
            if (pieces.Count > 0)
            {
                pieces[^1] += "\n" + string.Join('\n', current);
            }
            else
            {
                pieces.Add(string.Join('\n', current));
            }
        }

        return pieces;
    }
}
