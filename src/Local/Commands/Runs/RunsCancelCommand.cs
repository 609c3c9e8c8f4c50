using System.CommandLine;
using System.Text.Json;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Local.Runner;

namespace Serverless.Local.Commands.Runs;

/// <summary>
/// <c>runs cancel ID</c>: asks a run to stop; the engine that runs it (another runner process, or the Functions app) does the stopping.
/// </summary>
public static class RunsCancelCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var id = new Argument<string>("id") { Description = "Run id." };
        var command = new Command("cancel", "Cancel a run: it stops scheduling, lets in-flight work finish and writes a manifest marked cancelled.")
        {
            id,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            string runId = parse.GetValue(id)!;
            return await RunnerSession.RunAsync(settings, RunnerSessionOptions.ClientOnly, async session =>
            {
                RunControlResult result = await session.Storage.RunAsync(
                    token => session.Get<RunControl>().CancelAsync(session.Client, runId, token), cancellationToken);
                if (result.Error is { } error)
                {
                    parse.InvocationConfiguration.Error.WriteLine(error);
                    return 1;
                }

                parse.InvocationConfiguration.Output.WriteLine(settings.Json
                    ? JsonSerializer.Serialize(new { runId, status = "cancelling" }, BlobResultStore.Json)
                    : $"Run {runId} asked to cancel; in-flight work finishes first. Follow it with: runs wait {runId}");
                return 0;
            }, cancellationToken);
        });
        return command;
    }
}
