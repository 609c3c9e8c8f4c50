using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Core.Http;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Users;
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
        var command = new Command("users", "Fetch users from the user API through the durable fan-out/fan-in, results to Blob Storage.")
        {
            count, from, maxConcurrency, repeat,
        };
        common.AddTo(command);
        simulator.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(maxConcurrency) is { } cap)
            {
                overrides[$"{UserApiOptions.Section}:{nameof(UserApiOptions.MaxConcurrency)}"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await using ApiSimulator? sim = settings.ApiBaseUrl is null ? await ApiSimulator.StartAsync(simulator.Read(parse), 0, cancellationToken) : null;
            string api = settings.ApiBaseUrl ?? sim!.BaseUrl.ToString();
            overrides[$"{UserApiOptions.Section}:{nameof(UserApiOptions.BaseUrl)}"] = api;
            overrides["AzureWebJobsStorage"] = settings.Storage;
            IConfiguration configuration = LocalHost.BuildConfiguration(overrides);

            int maxUsers = configuration.GetSection(UserFetchOptions.Section).Get<UserFetchOptions>()?.MaxUsersPerRun ?? new UserFetchOptions().MaxUsersPerRun;
            UserFetchRequestParser.Result ids = UserFetchRequestParser.FromRange(parse.GetValue(from), parse.GetValue(count), maxUsers);
            if (ids.Error is { } error)
            {
                Console.Error.WriteLine($"--{error.Field}: {error.Message}");
                return 2;
            }

            using ILoggerFactory loggers = LocalHost.CreateLoggerFactory();
            await using DurableEngine engine = await LocalHost.StartEngineAsync(settings, configuration, loggers, cancellationToken);
            bool allCompleted = true;
            for (int i = 0; i < Math.Max(1, parse.GetValue(repeat)); i++)
            {
                sim?.ResetStats();
                string runId = await engine.Services.GetRequiredService<UserFetchStarter>().StartAsync(engine.Client, ids.UserIds!, cancellationToken);
                RunOutput.Started(settings, runId, ids.UserIds!.Count, $"{ids.UserIds!.Count} users from {api}", needsApi: true);
                RunStatus status = await RunWatcher.WaitAsync(engine.Client, runId, settings, cancellationToken);
                RunOutput.Finished(settings, status, sim?.Snapshot());
                allCompleted &= status.Status == "Completed";
            }

            return allCompleted ? 0 : 1;
        });
        return command;
    }
}
