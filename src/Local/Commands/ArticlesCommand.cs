using System.CommandLine;
using Serverless.Core.Runs;
using Serverless.Local.Runner;

namespace Serverless.Local.Commands;

/// <summary><c>articles --input DIR</c>: upload a folder to the articles container and analyse it as one batch run.</summary>
public static class ArticlesCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var input = new Option<DirectoryInfo>("--input", "-i") { Description = "Folder of .txt / .abstr articles.", Required = true };
        var prefix = new Option<string?>("--prefix") { Description = "Blob prefix to upload under (default: local/<timestamp>/)." };
        var maxWorkers = new Option<int?>("--max-workers")
        {
            Description = "Overrides Articles:MaxWorkers (analyses at once in this process; default: processor count).",
        };

        var command = new Command("articles", "Upload a folder of articles to Blob Storage and extract their terminology in one durable run.")
        {
            input, prefix, maxWorkers,
        };
        common.AddTo(command);
        var runSettings = new RunSettingsCliOptions();
        runSettings.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            if (ArticleRuns.FindFilesOrSay(parse.GetValue(input)!) is not { } files)
            {
                return 2;
            }

            var options = new RunnerSessionOptions { Overrides = overrides => ArticleRuns.AddOverrides(overrides, parse.GetValue(maxWorkers)) };
            return await RunnerSession.RunAsync(settings, options, async session =>
            {
                string blobPrefix = parse.GetValue(prefix) ?? ArticleRuns.DefaultPrefix();
                RunStatus status = await ArticleRuns.UploadAndRunAsync(
                    session, settings, files, blobPrefix, runSettings.Read(parse), cancellationToken);
                RunOutput.Finished(settings, status, api: null);
                return status.IsCompleted ? 0 : 1;
            }, cancellationToken);
        });
        return command;
    }
}
