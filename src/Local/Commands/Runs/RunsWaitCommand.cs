using System.CommandLine;
using Serverless.Core.Runs;
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
            string runId = parse.GetValue(id)!;
            if (settings.ApiBaseUrl is { } api && await RunApiCheck.RefusalAsync(settings, runId, api, cancellationToken) is { } refused)
            {
                parse.InvocationConfiguration.Error.WriteLine(refused);
                return ExitCodes.Usage;
            }

            // No simulator: a user-fetch run's batches call the API it was started against, recorded in its plan; --api may only
            // repeat it.
            return await RunnerSession.RunAsync(settings, new RunnerSessionOptions(), async session =>
            {
                RunStatus status = await RunWatcher.WaitAsync(session, runId, settings, cancellationToken);
                RunOutput.Finished(settings, status, api: null);
                return status.IsCompleted ? 0 : 1;
            }, cancellationToken);
        });
        return command;
    }
}
