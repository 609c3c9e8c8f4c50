using System.CommandLine;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Local.Runner;

namespace Serverless.Local.Commands.Runs;

/// <summary><c>runs purge</c>: deletes finished instances' history. Starts no worker, so it never runs pending work.</summary>
public static class RunsPurgeCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var id = new Argument<string?>("id") { Description = "Run to purge, with its chunk sub-orchestrations.", Arity = ArgumentArity.ZeroOrOne };
        var olderThan = new Option<string?>("--older-than")
        {
            Description = "Purge finished instances created longer ago than this: 7d, 12h, 30m, 45s, or d.hh:mm:ss.",
        };

        var all = new Option<bool>("--all") { Description = "Purge every finished instance of the task hub (needs --yes)." };
        var yes = new Option<bool>("--yes") { Description = "Confirm --all." };
        var command = new Command("purge", "Delete instance history from the task hub (unfinished instances are kept).") { id, olderThan, all, yes };
        common.AddTo(command);
        command.Validators.Add(result =>
        {
            int modes = (result.GetValue(id) is null ? 0 : 1) + (result.GetValue(olderThan) is null ? 0 : 1) + (result.GetValue(all) ? 1 : 0);
            if (modes != 1)
            {
                result.AddError("Give exactly one of: a run id, --older-than AGE, --all.");
            }
            else if (result.GetValue(olderThan) is { } age && RunAge.Parse(age) is null)
            {
                result.AddError($"--older-than: '{age}' is not an age such as 7d, 12h, 30m, 45s or 1.12:00:00.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(all) && !parse.GetValue(yes))
            {
                error.WriteLine($"Refusing to purge every finished instance of task hub {settings.TaskHub} without --yes. Nothing was purged.");
                return 2;
            }

            return await RunnerSession.RunAsync(settings, RunnerSessionOptions.ClientOnly, async session =>
            {
                int purged;
                string what;
                if (parse.GetValue(id) is { } runId)
                {
                    OrchestrationMetadata? instance = await session.Storage.RunAsync(
                        token => session.Client.GetInstanceAsync(runId, getInputsAndOutputs: false, token), cancellationToken);
                    if (instance is null)
                    {
                        error.WriteLine($"No instance {runId} in task hub {settings.TaskHub}. Nothing was purged.");
                        return 1;
                    }

                    if (!OrchestrationStates.HasEnded(instance.RuntimeStatus))
                    {
                        error.WriteLine($"Run {runId} is {instance.RuntimeStatus}; only finished runs are purged (purging a run in " +
                            $"progress would corrupt it). Nothing was purged.");
                        return 1;
                    }

                    purged = await session.Storage.RunAsync(token => RunInstances.PurgeRunAsync(session.Client, runId, token), cancellationToken);
                    what = $"run {runId} and its chunks";
                }
                else if (parse.GetValue(olderThan) is { } age)
                {
                    DateTimeOffset cutoff = DateTimeOffset.UtcNow - RunAge.Parse(age)!.Value;
                    purged = await session.Storage.RunAsync(
                        token => RunInstances.PurgeFinishedAsync(session.Client, cutoff, token), cancellationToken);
                    what = $"finished instances created before {RunCells.Time(cutoff)} UTC";
                }
                else
                {
                    purged = await session.Storage.RunAsync(
                        token => RunInstances.PurgeFinishedAsync(session.Client, createdBefore: null, token), cancellationToken);
                    what = "all finished instances";
                }

                if (settings.Json)
                {
                    output.WriteLine(
                        JsonSerializer.Serialize(new { @event = "purged", taskHub = settings.TaskHub, purged, what }, BlobResultStore.Json));
                }
                else
                {
                    output.WriteLine($"Purged {purged} instance{(purged == 1 ? "" : "s")} ({what}) from task hub {settings.TaskHub}.");
                }

                return 0;
            }, cancellationToken);
        });
        return command;
    }
}
