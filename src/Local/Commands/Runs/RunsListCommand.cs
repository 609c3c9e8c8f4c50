using System.CommandLine;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Serverless.Core.Storage;
using Serverless.Local.Runner;
using Spectre.Console;

namespace Serverless.Local.Commands.Runs;

/// <summary>
/// <c>runs list</c>: the task hub's runs, newest first, as Durable Functions Monitor lists them. Starts no worker, so it never runs pending
/// work.
/// </summary>
public static class RunsListCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var status = new Option<OrchestrationRuntimeStatus[]>("--status")
        {
            Description = "Only instances with this runtime status (Pending, Running, Completed, Failed, Terminated, Suspended); repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };

        var top = new Option<int?>("--top") { Description = "At most this many, newest first." };
        var all = new Option<bool>("--all")
        {
            Description = "Include the runs' chunk sub-orchestrations (ids with -chunk-) and the API limiters (api-limiter-…).",
        };

        var command = new Command("list", "List the task hub's runs, newest first, with status, times and progress.") { status, top, all };
        common.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(top) is < 1)
            {
                result.AddError("--top must be at least 1.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            TextWriter output = parse.InvocationConfiguration.Output;
            return await RunnerSession.RunAsync(settings, RunnerSessionOptions.ClientOnly, async session =>
            {
                List<OrchestrationMetadata> instances = await session.Storage.RunAsync(
                    token => RunInstances.QueryAsync(session.Client, parse.GetValue(status), idPrefix: null, token), cancellationToken);
                IEnumerable<RunRow> rows = instances
                    .Where(i => parse.GetValue(all) || !RunInstances.IsRunPart(i.InstanceId))
                    .Select(i => RunInstances.ToRow(i, TimeProvider.System));
                if (parse.GetValue(top) is int n)
                {
                    rows = rows.Take(n);
                }

                List<RunRow> list = rows.ToList();
                if (settings.Json)
                {
                    foreach (RunRow row in list)
                    {
                        output.WriteLine(JsonSerializer.Serialize(row, BlobResultStore.Json));
                    }

                    return 0;
                }

                if (list.Count == 0)
                {
                    output.WriteLine($"No instances in task hub {settings.TaskHub}.");
                    return 0;
                }

                var table = new Table().Border(TableBorder.Simple);
                string[] columns =
                    ["Id", "Name", "Status", "Created (UTC)", "Last updated (UTC)", "Duration", "Done", "Failed", "In flight", "Total"];
                foreach (string column in columns)
                {
                    table.AddColumn(new TableColumn(column) { NoWrap = true });
                }

                foreach (RunRow row in list)
                {
                    table.AddRow(
                        Markup.Escape(row.IsChunk ? $"  {row.Id} (chunk)" : row.Id),
                        Markup.Escape(row.Name),
                        Markup.Escape(row.Status),
                        RunCells.Time(row.CreatedAt),
                        RunCells.Time(row.LastUpdatedAt),
                        RunCells.Duration(row.DurationSeconds),
                        RunCells.Count(row.Succeeded),
                        RunCells.Count(row.Failed),
                        RunCells.Count(row.InFlight),
                        RunCells.Count(row.Total));
                }

                PlainConsole.For(output).Write(table);
                return 0;
            }, cancellationToken);
        });
        return command;
    }
}
