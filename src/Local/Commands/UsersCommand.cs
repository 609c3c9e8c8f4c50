using System.CommandLine;
using Serverless.Core.Runs;
using Serverless.Local.Runner;

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
        var repeat = new Option<int>("--repeat")
        {
            Description = "Run it this many times, one after another, on the same engine (benchmarks).",
            DefaultValueFactory = _ => 1,
        };

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
            if (UserRuns.ParseRange(parse.GetValue(from), parse.GetValue(count)) is not { } userIds)
            {
                return 2;
            }

            var options = new RunnerSessionOptions { Simulator = simulator.Read(parse), MaxConcurrency = parse.GetValue(maxConcurrency) };
            return await RunnerSession.RunAsync(settings, options, async session =>
            {
                bool allCompleted = true;
                for (int i = 0; i < Math.Max(1, parse.GetValue(repeat)); i++)
                {
                    RunStatus status = await UserRuns.RunAsync(session, settings, userIds, runSettings.Read(parse), cancellationToken);
                    RunOutput.Finished(settings, status, session.Simulator?.Snapshot());
                    allCompleted &= status.IsCompleted;
                }

                return allCompleted ? 0 : 1;
            }, cancellationToken);
        });
        return command;
    }
}
