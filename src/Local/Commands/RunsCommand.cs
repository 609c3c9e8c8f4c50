using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Local.Engine;
using Serverless.Local.Runner;
using Serverless.Simulator;
using Spectre.Console;

namespace Serverless.Local.Commands;

/// <summary>
/// <c>runs wait ID</c>, and what Durable Functions Monitor shows: <c>runs list</c>, <c>runs show ID</c>, <c>runs purge</c>;
/// <c>runs cancel ID</c> and <c>runs redrive ID</c> as the HTTP API has them.
/// List, show, purge and cancel start the engine without a worker, so they never run pending work.
/// </summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var runs = new Command("runs", "Inspect runs, or resume and wait for one.");
        runs.Subcommands.Add(Wait());
        runs.Subcommands.Add(List());
        runs.Subcommands.Add(Show());
        runs.Subcommands.Add(Purge());
        runs.Subcommands.Add(Cancel());
        runs.Subcommands.Add(Redrive());
        return runs;
    }

    /// <summary>Starting the engine is what resumes a run a killed runner left behind; this waits for it to finish.</summary>
    static Command Wait()
    {
        var common = new CommonOptions();
        var id = new Argument<string>("id") { Description = "Run id." };
        var command = new Command("wait", "Start the engine (resuming unfinished runs) and wait until the run finishes.") { id };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            var overrides = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = settings.Storage };
            if (settings.ApiBaseUrl is not null)
            {
                // A user-fetch run's remaining activities need the API it was started against.
                overrides[$"{UserApiOptions.Section}:{nameof(UserApiOptions.BaseUrl)}"] = settings.ApiBaseUrl;
            }

            IConfiguration configuration = LocalHost.BuildConfiguration(overrides);
            using ILoggerFactory loggers = LocalHost.CreateLoggerFactory();
            await using DurableEngine engine = await LocalHost.StartEngineAsync(settings, configuration, loggers, cancellationToken);
            RunStatus status = await RunWatcher.WaitAsync(engine.Client, parse.GetValue(id)!, settings, cancellationToken);
            RunOutput.Finished(settings, status, api: null);
            return status.Status == "Completed" ? 0 : 1;
        });
        return command;
    }

    /// <summary>Asks a run to stop; the engine that runs it (another runner process, or the Functions app) does the stopping.</summary>
    static Command Cancel()
    {
        var common = new CommonOptions();
        var id = new Argument<string>("id") { Description = "Run id." };
        var command = new Command("cancel", "Cancel a run: it stops scheduling, lets in-flight work finish and writes a manifest marked cancelled.") { id };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            string runId = parse.GetValue(id)!;
            await using var session = await ClientSession.StartAsync(settings, cancellationToken);
            RunControlResult result = await session.Services.GetRequiredService<RunControl>().CancelAsync(session.Client, runId, cancellationToken);
            if (result.Error is { } error)
            {
                parse.InvocationConfiguration.Error.WriteLine(error);
                return 1;
            }

            parse.InvocationConfiguration.Output.WriteLine(settings.Json
                ? JsonSerializer.Serialize(new { runId, status = "cancelling" }, BlobResultStore.Json)
                : $"Run {runId} asked to cancel; in-flight work finishes first. Follow it with: runs wait {runId}");
            return 0;
        });
        return command;
    }

    /// <summary>A new run over the failed items of a finished one, run here and waited for, as <c>users</c> does.</summary>
    static Command Redrive()
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

    static Command List()
    {
        var common = new CommonOptions();
        var status = new Option<OrchestrationRuntimeStatus[]>("--status")
        {
            Description = "Only instances with this runtime status (Pending, Running, Completed, Failed, Terminated, Suspended); repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var top = new Option<int?>("--top") { Description = "At most this many, newest first." };
        var all = new Option<bool>("--all") { Description = "Include the runs' chunk sub-orchestrations (ids with -chunk-) and the API limiters (api-limiter-…)." };
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
            await using var session = await ClientSession.StartAsync(settings, cancellationToken);
            List<OrchestrationMetadata> instances = await RunInstances.QueryAsync(session.Client, parse.GetValue(status), idPrefix: null, cancellationToken);
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
            foreach (string column in new[] { "Id", "Name", "Status", "Created (UTC)", "Last updated (UTC)", "Duration", "Done", "Failed", "In flight", "Total" })
            {
                table.AddColumn(new TableColumn(column) { NoWrap = true });
            }

            foreach (RunRow row in list)
            {
                table.AddRow(
                    Markup.Escape(row.IsChunk ? $"  {row.Id} (chunk)" : row.Id),
                    Markup.Escape(row.Name),
                    Markup.Escape(row.Status),
                    Time(row.CreatedAt),
                    Time(row.LastUpdatedAt),
                    Duration(row.DurationSeconds),
                    Count(row.Succeeded),
                    Count(row.Failed),
                    Count(row.InFlight),
                    Count(row.Total));
            }

            Console(output).Write(table);
            return 0;
        });
        return command;
    }

    static Command Show()
    {
        var common = new CommonOptions();
        var id = new Argument<string>("id") { Description = "Run (or chunk) instance id." };
        var command = new Command("show", "One run in detail: status, times, progress, results files, failure, input and history size.") { id };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            TextWriter output = parse.InvocationConfiguration.Output;
            string runId = parse.GetValue(id)!;
            await using var session = await ClientSession.StartAsync(settings, cancellationToken);
            OrchestrationMetadata? instance = await session.Client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
            if (instance is null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"No instance {runId} in task hub {settings.TaskHub}.");
                return 1;
            }

            RunRow row = RunInstances.ToRow(instance, TimeProvider.System);
            RunStatus? status = row.IsChunk ? null : RunInstances.TryReadStatus(instance, TimeProvider.System);
            List<OrchestrationMetadata> chunks = row.IsChunk
                ? []
                : await RunInstances.QueryAsync(session.Client, statuses: null, runId + RunInstances.ChunkMarker, cancellationToken);
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
            Add("Created (UTC)", Time(row.CreatedAt));
            Add("Last updated (UTC)", Time(row.LastUpdatedAt));
            Add("Duration", Duration(row.DurationSeconds));
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

            if (instance.FailureDetails is { } failure)
            {
                Add("Failure", $"{failure.ErrorType}: {failure.ErrorMessage}");
                if (failure.StackTrace is { Length: > 0 } stack)
                {
                    Add("", stack);
                }
            }

            Console(output).Write(grid);
            return 0;
        });
        return command;
    }

    static Command Purge()
    {
        var common = new CommonOptions();
        var id = new Argument<string?>("id") { Description = "Run to purge, with its chunk sub-orchestrations.", Arity = ArgumentArity.ZeroOrOne };
        var olderThan = new Option<string?>("--older-than") { Description = "Purge finished instances created longer ago than this: 7d, 12h, 30m, 45s, or d.hh:mm:ss." };
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
            else if (result.GetValue(olderThan) is { } age && ParseAge(age) is null)
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

            await using var session = await ClientSession.StartAsync(settings, cancellationToken);
            int purged;
            string what;
            if (parse.GetValue(id) is { } runId)
            {
                OrchestrationMetadata? instance = await session.Client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
                if (instance is null)
                {
                    error.WriteLine($"No instance {runId} in task hub {settings.TaskHub}. Nothing was purged.");
                    return 1;
                }

                if (!RunInstances.IsFinished(instance.RuntimeStatus))
                {
                    error.WriteLine($"Run {runId} is {instance.RuntimeStatus}; only finished runs are purged (purging a run in progress would corrupt it). Nothing was purged.");
                    return 1;
                }

                purged = await RunInstances.PurgeRunAsync(session.Client, runId, cancellationToken);
                what = $"run {runId} and its chunks";
            }
            else if (parse.GetValue(olderThan) is { } age)
            {
                DateTimeOffset cutoff = DateTimeOffset.UtcNow - ParseAge(age)!.Value;
                purged = await RunInstances.PurgeFinishedAsync(session.Client, cutoff, cancellationToken);
                what = $"finished instances created before {Time(cutoff)} UTC";
            }
            else
            {
                purged = await RunInstances.PurgeFinishedAsync(session.Client, createdBefore: null, cancellationToken);
                what = "all finished instances";
            }

            if (settings.Json)
            {
                output.WriteLine(JsonSerializer.Serialize(new { @event = "purged", taskHub = settings.TaskHub, purged, what }, BlobResultStore.Json));
            }
            else
            {
                output.WriteLine($"Purged {purged} instance{(purged == 1 ? "" : "s")} ({what}) from task hub {settings.TaskHub}.");
            }

            return 0;
        });
        return command;
    }

    /// <summary>7d, 12h, 30m, 45s, or a TimeSpan (d.hh:mm:ss).</summary>
    public static TimeSpan? ParseAge(string text)
    {
        text = text.Trim();
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) && amount >= 0)
        {
            TimeSpan? age = char.ToLowerInvariant(text[^1]) switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                's' => TimeSpan.FromSeconds(amount),
                _ => null,
            };
            if (age is not null)
            {
                return age;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span) && span >= TimeSpan.Zero ? span : null;
    }

    static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    static string Duration(double seconds) => TimeSpan.FromSeconds(seconds) is var d && d.TotalHours >= 1
        ? $"{(int)d.TotalHours}h {d.Minutes:D2}m {d.Seconds:D2}s"
        : d.TotalMinutes >= 1 ? $"{d.Minutes}m {d.Seconds:D2}s" : $"{seconds:F1}s";

    static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary>Spectre writing to the command's output (a StringWriter in tests): no colours, wide enough for run ids.</summary>
    static IAnsiConsole Console(TextWriter output)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        if (!System.Console.IsOutputRedirected && ReferenceEquals(output, System.Console.Out))
        {
            return console;
        }

        console.Profile.Width = 200;
        return console;
    }

    /// <summary>An engine with a client and no worker: it reads and purges the task hub and runs nothing.</summary>
    sealed class ClientSession : IAsyncDisposable
    {
        readonly ILoggerFactory loggers;
        readonly DurableEngine engine;

        ClientSession(ILoggerFactory loggers, DurableEngine engine)
        {
            this.loggers = loggers;
            this.engine = engine;
        }

        public DurableTaskClient Client => engine.Client;

        public IServiceProvider Services => engine.Services;

        public static async Task<ClientSession> StartAsync(RunnerSettings settings, CancellationToken cancellationToken)
        {
            IConfiguration configuration = LocalHost.BuildConfiguration(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = settings.Storage });
            ILoggerFactory loggers = LocalHost.CreateLoggerFactory();
            try
            {
                DurableEngine engine = await LocalHost.StartEngineAsync(settings, configuration, loggers, cancellationToken, runWorker: false);
                return new ClientSession(loggers, engine);
            }
            catch
            {
                loggers.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await engine.DisposeAsync();
            loggers.Dispose();
        }
    }
}
