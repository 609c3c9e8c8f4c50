using Serverless.Core.Runs;
using Serverless.Core.Storage;

namespace Serverless.Local.Runner;

/// <summary>
/// What a finished run wrote, read back: the manifest and the line counts of its NDJSON files, compared with the
/// counts the run reported. The summary a person reads is only worth something if the blobs say the same.
/// </summary>
public sealed record ResultsCheck(
    bool ManifestFound,
    int? ManifestTotal,
    int? ManifestSucceeded,
    int? ManifestFailed,
    int SucceededLines,
    int FailedLines,
    IReadOnlyList<string> Problems)
{
    public bool Matches => Problems.Count == 0;

    public static async Task<ResultsCheck> ReadAsync(BlobResultStore store, RunStatus status, CancellationToken cancellationToken)
    {
        if (status.Results is not { } files)
        {
            return new(false, null, null, null, 0, 0, [$"run {status.Id} reported no results files"]);
        }

        string runId = files.Manifest.Split('/')[0];
        RunManifest? manifest = await store.ReadManifestAsync(files.Container, runId, cancellationToken);
        if (manifest is null)
        {
            return new(false, null, null, null, 0, 0, [$"no manifest at {files.Container}/{files.Manifest}"]);
        }

        int succeeded = CountLines(await store.ReadTextAsync(files.Container, files.Succeeded, cancellationToken));
        int failed = CountLines(await store.ReadTextAsync(files.Container, files.Failed, cancellationToken));
        var problems = new List<string>();
        Compare(problems, "total", status.Total, manifest.Total, succeeded + failed, "lines in both files");
        Compare(problems, "succeeded", status.Succeeded, manifest.Succeeded, succeeded, $"lines in {files.Succeeded}");
        Compare(problems, "failed", status.Failed, manifest.Failed, failed, $"lines in {files.Failed}");
        return new(true, manifest.Total, manifest.Succeeded, manifest.Failed, succeeded, failed, problems);
    }

    static void Compare(List<string> problems, string what, int reported, int inManifest, int inFiles, string filesLabel)
    {
        if (reported != inManifest || reported != inFiles)
        {
            problems.Add($"{what}: run reported {reported}, manifest says {inManifest}, {filesLabel}: {inFiles}");
        }
    }

    static int CountLines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
