using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Core.Runs;
using Serverless.Local.Engine;
using Serverless.Local.Runner;
using Serverless.Simulator;

namespace Serverless.Local.Commands.Runs;

/// <summary><c>runs redrive ID</c>: a new run over the failed items of a finished one, run here and waited for, as <c>users</c> does.</summary>
public static class RunsRedriveCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var simulator = new SimulatorCliOptions();
        var id = new Argument<string>("id") { Description = "Id of the finished run whose failed items to run again." };
        var command = new Command("redrive", "Start a new run over only the failed items of a finished run (linked to it in the manifest) and wait for it.") { id };
        common.AddTo(command);
        simulator.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            if (!await StorageCheck.EnsureAzuriteAsync(settings.Storage, cancellationToken))
            {
                return 2;
            }

            await using ApiSimulator? sim = await UserRuns.SimulatorUnlessApiAsync(settings, simulator.Read(parse), cancellationToken);
            string api = settings.ApiBaseUrl ?? sim!.BaseUrl.ToString();
            IConfiguration configuration = UserRuns.Configuration(settings, api, maxConcurrency: null);
            using ILoggerFactory loggers = LocalHost.CreateLoggerFactory();
            await using DurableEngine engine = await LocalHost.StartEngineAsync(settings, configuration, loggers, cancellationToken);
            string oldRunId = parse.GetValue(id)!;
            RunControlResult result = await engine.Services.GetRequiredService<RunControl>().RedriveAsync(engine.Client, oldRunId, cancellationToken);
            if (result.Error is { } error)
            {
                parse.InvocationConfiguration.Error.WriteLine(error);
                return 1;
            }

            RunOutput.Started(settings, result.RunId!, result.Count, $"redrive of {oldRunId}: {result.Count} failed item(s)");
            RunStatus status = await RunWatcher.WaitAsync(engine.Client, result.RunId!, settings, cancellationToken);
            RunOutput.Finished(settings, status, sim?.Snapshot());
            return status.Status == "Completed" ? 0 : 1;
        });
        return command;
    }
}
