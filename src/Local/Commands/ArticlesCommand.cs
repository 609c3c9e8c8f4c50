using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Core.Articles;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Local.Engine;
using Serverless.Local.Runner;

namespace Serverless.Local.Commands;

/// <summary><c>articles --input DIR</c>: upload a folder to the articles container and analyse it as one batch run.</summary>
public static class ArticlesCommand
{
    static readonly string[] Extensions = [".txt", ".abstr"];

    public static Command Create()
    {
        var common = new CommonOptions();
        var input = new Option<DirectoryInfo>("--input", "-i") { Description = "Folder of .txt / .abstr articles.", Required = true };
        var prefix = new Option<string?>("--prefix") { Description = "Blob prefix to upload under (default: local/<timestamp>/)." };
        var maxWorkers = new Option<int?>("--max-workers") { Description = "Overrides Articles:MaxWorkers (analyses at once in this process; default: processor count)." };
        var command = new Command("articles", "Upload a folder of articles to Blob Storage and extract their terminology in one durable run.")
        {
            input, prefix, maxWorkers,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            DirectoryInfo folder = parse.GetValue(input)!;
            List<FileInfo> files = folder.Exists
                ? folder.EnumerateFiles().Where(f => Extensions.Contains(f.Extension, StringComparer.OrdinalIgnoreCase)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList()
                : [];
            if (files.Count == 0)
            {
                Console.Error.WriteLine($"No .txt or .abstr files in {folder.FullName}.");
                return 2;
            }

            var overrides = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = settings.Storage };
            if (parse.GetValue(maxWorkers) is { } workers)
            {
                overrides[$"{ArticleOptions.Section}:{nameof(ArticleOptions.MaxWorkers)}"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            IConfiguration configuration = LocalHost.BuildConfiguration(overrides);
            using ILoggerFactory loggers = LocalHost.CreateLoggerFactory();
            await using DurableEngine engine = await LocalHost.StartEngineAsync(settings, configuration, loggers, cancellationToken);
            var catalog = engine.Services.GetRequiredService<ArticleCatalog>();
            string blobPrefix = parse.GetValue(prefix) ?? $"local/{DateTime.UtcNow:yyyyMMdd-HHmmss}/";
            foreach (FileInfo file in files)
            {
                await using FileStream content = file.OpenRead();
                await catalog.UploadAsync(blobPrefix + file.Name, content, cancellationToken);
            }

            IReadOnlyList<string> names = await catalog.ListAsync(blobPrefix, int.MaxValue, cancellationToken);
            string runId = await engine.Services.GetRequiredService<ArticleRunStarter>().StartBatchAsync(engine.Client, names, blobPrefix, cancellationToken);
            RunOutput.Started(settings, runId, names.Count, $"{names.Count} articles under {blobPrefix}");
            RunStatus status = await RunWatcher.WaitAsync(engine.Client, runId, settings, cancellationToken);
            RunOutput.Finished(settings, status, api: null);
            return status.Status == "Completed" ? 0 : 1;
        });
        return command;
    }
}
