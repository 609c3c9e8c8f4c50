using System.Globalization;
using Serverless.Core.Articles;
using Serverless.Core.Options;
using Serverless.Core.Runs;

namespace Serverless.Local.Runner;

/// <summary>The steps of an article run the <c>articles</c> and <c>demo</c> commands share.</summary>
public static class ArticleRuns
{
    static readonly string[] Extensions = [".txt", ".abstr"];

    /// <summary>The .txt / .abstr files directly in <paramref name="folder"/>, by name; empty when there are none or it does not exist.</summary>
    public static List<FileInfo> FindFiles(DirectoryInfo folder) =>
        folder.Exists
            ? folder.EnumerateFiles()
                .Where(f => Extensions.Contains(f.Extension, StringComparer.OrdinalIgnoreCase))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>The files, or null after saying there are none.</summary>
    public static List<FileInfo>? FindFilesOrSay(DirectoryInfo folder)
    {
        List<FileInfo> files = FindFiles(folder);
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"No .txt or .abstr files in {folder.FullName}.");
            return null;
        }

        return files;
    }

    public static void AddOverrides(IDictionary<string, string?> overrides, int? maxWorkers)
    {
        if (maxWorkers is { } workers)
        {
            overrides[$"{ArticleOptions.Section}:{nameof(ArticleOptions.MaxWorkers)}"] = workers.ToString(CultureInfo.InvariantCulture);
        }
    }

    public static string DefaultPrefix() => $"local/{DateTime.UtcNow:yyyyMMdd-HHmmss}/";

    /// <summary>Uploads the files under <paramref name="blobPrefix"/>, starts one batch run over them, reports it started and waits for it.</summary>
    public static async Task<RunStatus> UploadAndRunAsync(
        RunnerSession session,
        RunnerSettings settings,
        IReadOnlyList<FileInfo> files,
        string blobPrefix,
        RunSettings runSettings,
        CancellationToken cancellationToken)
    {
        var catalog = session.Get<ArticleCatalog>();
        foreach (FileInfo file in files)
        {
            await session.Storage.RunAsync(
                async token =>
                {
                    await using FileStream content = file.OpenRead();
                    await catalog.UploadAsync(blobPrefix + file.Name, content, token);
                },
                cancellationToken);
        }

        IReadOnlyList<string> names = await session.Storage.RunAsync(token => catalog.ListAsync(blobPrefix, int.MaxValue, token), cancellationToken);
        string runId = await session.Storage.RunAsync(
            token => session.Get<ArticleRunStarter>().StartBatchAsync(session.Client, names, blobPrefix, runSettings, cancellationToken: token),
            cancellationToken);
        RunOutput.Started(settings, runId, names.Count, $"{names.Count} articles under {blobPrefix}");
        return await RunWatcher.WaitAsync(session, runId, settings, cancellationToken);
    }
}
