using System.CommandLine;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Local.Runner;
using Spectre.Console;

namespace Serverless.Local.Commands.Runs;

/// <summary><c>runs show ID</c>: one run in detail. Starts no worker, so it never runs pending work.</summary>
public static class RunsShowCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var id = new Argument<string>("id") { Description = "Run (or chunk) instance id." };
        var command = new Command(
            "show", "One run in detail: status, times, progress, results files, an article run's top terms, failure, input and history size.")
        {
            id,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            TextWriter output = parse.InvocationConfiguration.Output;
            string runId = parse.GetValue(id)!;
            return await RunnerSession.RunAsync(settings, RunnerSessionOptions.ClientOnly, async session =>
            {
                OrchestrationMetadata? instance = await session.Storage.RunAsync(
                    token => session.Client.GetInstanceAsync(runId, getInputsAndOutputs: true, token), cancellationToken);
                if (instance is null)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"No instance {runId} in task hub {settings.TaskHub}.");
                    return 1;
                }

                RunRow row = RunInstances.ToRow(instance, TimeProvider.System);
                RunStatus? status = row.IsChunk ? null : RunInstances.TryReadStatus(instance, TimeProvider.System);
                if (status is { } read)
                {
                    status = await session.Storage.RunAsync(
                        token => TopTerm.WithTopTermsAsync(read, session.Get<BlobResultStore>(), token), cancellationToken);
                }

                List<OrchestrationMetadata> chunks = row.IsChunk
                    ? []
                    : await session.Storage.RunAsync(
                        token => RunInstances.QueryAsync(session.Client, statuses: null, runId + RunInstances.ChunkMarker, token), cancellationToken);
                (int? historyEvents, string? historyUnavailable) = await RunInstances.HistorySizeAsync(session.Client, runId, cancellationToken);
                var details = new
                {
                    row.Id,
                    row.Name,
                    row.Status,
                    row.IsChunk,
                    row.Kind,
                    row.CreatedAt,
                    row.LastUpdatedAt,
                    row.DurationSeconds,
                    row.Total,
                    row.Succeeded,
                    row.Failed,
                    row.InFlight,
                    Results = status?.Results,
                    TopTerms = status?.TopTerms,
                    Failure = instance.FailureDetails is { } f ? new { f.ErrorType, f.ErrorMessage, f.StackTrace } : null,
                    InputBytes = instance.SerializedInput?.Length,
                    OutputBytes = instance.SerializedOutput?.Length,
                    HistoryEvents = historyEvents,
                    HistoryUnavailable = historyUnavailable,
                    CustomStatus = instance.SerializedCustomStatus,
                    Chunks = chunks.GroupBy(c => c.RuntimeStatus.ToString()).ToDictionary(g => g.Key, g => g.Count()),
                };
                if (settings.Json)
                {
                    output.WriteLine(JsonSerializer.Serialize(details, BlobResultStore.Json));
                    return 0;
                }

                var grid = new Grid().AddColumn(new GridColumn { NoWrap = true }).AddColumn();
                void Add(string name, string? value) => grid.AddRow(Markup.Escape(name), Markup.Escape(value ?? "-"));
                Add("Id", row.Id);
                Add("Name", row.Name + (row.IsChunk ? " (chunk sub-orchestration)" : ""));
                Add("Kind", row.Kind);
                Add("Status", row.Status);
                Add("Created (UTC)", RunCells.Time(row.CreatedAt));
                Add("Last updated (UTC)", RunCells.Time(row.LastUpdatedAt));
                Add("Duration", RunCells.Duration(row.DurationSeconds));
                Add("Progress", row.Total is null ? null : $"{row.Succeeded} done, {row.Failed} failed, {row.InFlight} in flight of {row.Total}");
                Add("Chunks", row.IsChunk ? null : chunks.Count == 0 ? "none" : string.Join(", ", details.Chunks.Select(c => $"{c.Value} {c.Key}")));
                Add("Input size", details.InputBytes is int input ? $"{input} characters of JSON" : null);
                Add("History size", historyEvents is int events ? $"{events} events" : $"unknown: {historyUnavailable}");
                if (status?.Results is { } files)
                {
                    Add("Results", $"container '{files.Container}'");
                    foreach (string? file in new[] { files.Manifest, files.Succeeded, files.Failed, files.Terms })
                    {
                        if (file is not null)
                        {
                            Add("", file);
                        }
                    }
                }

                if (status?.TopTerms is { } topTerms)
                {
                    Add("Top terms", topTerms.Count == 0 ? "none" : topTerms[0].ToText());
                    foreach (TopTerm term in topTerms.Skip(1))
                    {
                        Add("", term.ToText());
                    }
                }

                if (instance.FailureDetails is { } failure)
                {
                    Add("Failure", $"{failure.ErrorType}: {failure.ErrorMessage}");
                    if (failure.StackTrace is { Length: > 0 } stack)
                    {
                        Add("", stack);
                    }
                }

                PlainConsole.For(output).Write(grid);
                return 0;
            }, cancellationToken);
        });
        return command;
    }
}
