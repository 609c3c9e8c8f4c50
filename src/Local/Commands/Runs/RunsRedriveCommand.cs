using System.CommandLine;
using Serverless.Core.Runs;
using Serverless.Local.Runner;

namespace Serverless.Local.Commands.Runs;

/// <summary><c>runs redrive ID</c>: a new run over the failed items of a finished one, run here and waited for, as <c>users</c> does.</summary>
public static class RunsRedriveCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var simulator = new SimulatorCliOptions();
        var id = new Argument<string>("id") { Description = "Id of the finished run whose failed items to run again." };
        var command = new Command(
            "redrive", "Start a new run over only the failed items of a finished run (linked to it in the manifest) and wait for it.")
        {
            id,
        };
        common.AddTo(command);
        simulator.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            return await RunnerSession.RunAsync(settings, new RunnerSessionOptions { Simulator = simulator.Read(parse) }, async session =>
            {
                string oldRunId = parse.GetValue(id)!;
                RunControlResult result = await session.Storage.RunAsync(
                    token => session.Get<RunControl>().RedriveAsync(session.Client, oldRunId, token), cancellationToken);
                if (result.Error is { } error)
                {
                    parse.InvocationConfiguration.Error.WriteLine(error);
                    return 1;
                }

                RunOutput.Started(settings, result.RunId!, result.Count, $"redrive of {oldRunId}: {result.Count} failed item(s)");
                RunStatus status = await RunWatcher.WaitAsync(session, result.RunId!, settings, cancellationToken);
                RunOutput.Finished(settings, status, session.Simulator?.Snapshot());
                return status.IsCompleted ? 0 : 1;
            }, cancellationToken);
        });
        return command;
    }
}
