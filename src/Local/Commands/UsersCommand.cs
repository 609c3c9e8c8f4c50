using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serverless.Core.Runs;
using Serverless.Local.Engine;
using Serverless.Local.Runner;
using Serverless.Simulator;

namespace Serverless.Local.Commands;

/// <summary><c>users --count 50</c>: one user-fetch run on the local engine, results to Blob Storage.</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var count = new Option<long>("--count") { Description = "How many consecutive user ids to fetch.", DefaultValueFactory = _ => 50 };
        var from = new Option<long>("--from") { Description = "First user id.", DefaultValueFactory = _ => 1 };
        var maxConcurrency = new Option<int?>("--max-concurrency") { Description = "Overrides UserApi:MaxConcurrency for this run (default 20)." };
        var repeat = new Option<int>("--repeat") { Description = "Run it this many times, one after another, on the same engine (benchmarks).", DefaultValueFactory = _ => 1 };
        var simulator = new SimulatorCliOptions();
        var runSettings = new RunSettingsCliOptions();
        var command = new Command("users", "Fetch users from the user API through the durable fan-out/fan-in, results to Blob Storage.")
        {
            count, from, maxConcurrency, repeat,
        };
        common.AddTo(command);
        simulator.AddTo(command);
        runSettings.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            if (!await StorageCheck.EnsureAzuriteAsync(settings.Storage, cancellationToken))
            {
                return 2;
            }

            await using ApiSimulator? sim = await UserRuns.SimulatorUnlessApiAsync(settings, simulator.Read(parse), cancellationToken);
            string api = settings.ApiBaseUrl ?? sim!.BaseUrl.ToString();
            IConfiguration configuration = UserRuns.Configuration(settings, api, parse.GetValue(maxConcurrency));
            if (UserRuns.ParseRange(configuration, parse.GetValue(from), parse.GetValue(count)) is not { } userIds)
            {
                return 2;
            }

            using ILoggerFactory loggers = LocalHost.CreateLoggerFactory();
            await using DurableEngine engine = await LocalHost.StartEngineAsync(settings, configuration, loggers, cancellationToken);
            bool allCompleted = true;
            for (int i = 0; i < Math.Max(1, parse.GetValue(repeat)); i++)
            {
                RunStatus status = await UserRuns.RunAsync(engine, settings, userIds, runSettings.Read(parse), api, sim, cancellationToken);
                RunOutput.Finished(settings, status, sim?.Snapshot());
                allCompleted &= status.Status == "Completed";
            }

            return allCompleted ? 0 : 1;
        });
        return command;
    }
}
