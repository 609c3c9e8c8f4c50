using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Local.Engine;
using Serverless.Local.Runner;

namespace Serverless.Local.Commands.Runs;

/// <summary><c>runs wait ID</c>: starting the engine is what resumes a run a killed runner left behind; this waits for it to finish.</summary>
public static class RunsWaitCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var id = new Argument<string>("id") { Description = "Run id." };
        var command = new Command("wait", "Start the engine (resuming unfinished runs) and wait until the run finishes.") { id };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            var overrides = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = settings.Storage };
            if (settings.ApiBaseUrl is not null)
            {
                // A user-fetch run's remaining activities need the API it was started against.
                overrides[$"{UserApiOptions.Section}:{nameof(UserApiOptions.BaseUrl)}"] = settings.ApiBaseUrl;
            }

            IConfiguration configuration = LocalHost.BuildConfiguration(overrides);
            using ILoggerFactory loggers = LocalHost.CreateLoggerFactory();
            await using DurableEngine engine = await LocalHost.StartEngineAsync(settings, configuration, loggers, cancellationToken);
            RunStatus status = await RunWatcher.WaitAsync(engine.Client, parse.GetValue(id)!, settings, cancellationToken);
            RunOutput.Finished(settings, status, api: null);
            return status.Status == "Completed" ? 0 : 1;
        });
        return command;
    }
}
