using Serverless.Core.Runs;

namespace Serverless.Core.Http;

/// <summary>The names under which a run's result files are served: a key, or the file's own name in the run folder. Nothing else maps.</summary>
public static class RunFileNames
{
    public static IEnumerable<string> Keys(RunFiles files)
    {
        yield return "manifest";
        yield return "succeeded";
        yield return "failed";
        if (files.Terms is not null)
        {
            yield return "terms";
        }
    }

    /// <summary>The run's blob named by <paramref name="file"/>, or null when it is not one of the run's files.</summary>
    public static string? Resolve(RunFiles files, string? file)
    {
        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        foreach ((string key, string? blob) in Entries(files))
        {
            if (blob is not null
                && (string.Equals(file, key, StringComparison.Ordinal) || string.Equals(file, LeafName(blob), StringComparison.Ordinal)))
            {
                return blob;
            }
        }

        return null;
    }

    /// <summary>Key and file name of each of the run's files, for links.</summary>
    public static IEnumerable<(string Key, string FileName)> Links(RunFiles files) =>
        Entries(files).Where(e => e.Blob is not null).Select(e => (e.Key, LeafName(e.Blob!)));

    static IEnumerable<(string Key, string? Blob)> Entries(RunFiles files) =>
        [("manifest", files.Manifest), ("succeeded", files.Succeeded), ("failed", files.Failed), ("terms", files.Terms)];

    static string LeafName(string blob) => blob[(blob.LastIndexOf('/') + 1)..];
}
