using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Serverless.Local.Runner;

/// <summary>How a run's progress is shown while the runner waits for it.</summary>
public enum ProgressMode
{
    /// <summary>A live progress display when stdout is a terminal, else plain lines (at most one a second, when something changed).</summary>
    Text,

    /// <summary>One <c>progress</c> JSON object per line.</summary>
    Json,

    /// <summary>Nothing until the run ends.</summary>
    Quiet,
}

/// <summary>
/// Waits for a run by polling its state (the gRPC WaitForInstanceCompletion polls every 2 s, too coarse here)
/// and reports progress from the orchestration's custom status (<see cref="RunProgress"/>, set by the orchestrator).
/// </summary>
public static class RunWatcher
{
    static readonly TimeSpan FirstPollInterval = TimeSpan.FromMilliseconds(100);
    static readonly TimeSpan LongestPollInterval = TimeSpan.FromSeconds(1);
    static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(1);
    static readonly TimeSpan JsonInterval = TimeSpan.FromMilliseconds(250);

    public static ProgressMode ModeFor(RunnerSettings settings) =>
        settings.Quiet ? ProgressMode.Quiet : settings.Json ? ProgressMode.Json : ProgressMode.Text;

    /// <summary>
    /// Waits with the progress output <paramref name="settings"/> asks for (<c>--json</c>, <c>--quiet</c>), through storage outages
    /// as long as the session waits for them. The final status carries an article run's top terms, for the summary people read.
    /// </summary>
    public static async Task<RunStatus> WaitAsync(
        RunnerSession session, string runId, RunnerSettings settings, CancellationToken cancellationToken)
    {
        RunStatus finished = await WaitAsync(session.Client, runId, ModeFor(settings), cancellationToken, session.Storage);
        return await session.Storage.RunAsync(
            token => TopTerm.WithTopTermsAsync(finished, session.Get<BlobResultStore>(), token), cancellationToken);
    }

    /// <param name="storage">How storage outages are waited out; without it the first failed read ends the wait.</param>
    public static Task<RunStatus> WaitAsync(
        DurableTaskClient client, string runId, ProgressMode mode, CancellationToken cancellationToken, StorageRetry? storage = null)
    {
        Func<CancellationToken, Task<RunStatus>> read = token => ReadAsync(client, runId, storage, token);
        return mode switch
        {
            ProgressMode.Json => PollAsync(read, JsonInterval, WriteJson, cancellationToken),
            ProgressMode.Quiet => PollAsync(read, PlainInterval, _ => { }, cancellationToken),
            _ when IsInteractive() => LiveAsync(read, runId, cancellationToken),
            _ => PollAsync(read, PlainInterval, WritePlain, cancellationToken),
        };
    }

    static bool IsInteractive() => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>
    /// Polls until the run finishes, calling <paramref name="report"/> at most once per <paramref name="interval"/> when the
    /// done count or status changed, and once more with the final state.
    /// </summary>
    static async Task<RunStatus> PollAsync(
        Func<CancellationToken, Task<RunStatus>> read, TimeSpan interval, Action<ProgressSnapshot> report, CancellationToken cancellationToken)
    {
        var tracker = new ProgressTracker();
        DateTime lastReport = DateTime.MinValue;
        while (true)
        {
            RunStatus status = await read(cancellationToken);
            if (tracker.Accept(status) is { } snapshot && tracker.HasChanged(snapshot)
                && (status.IsFinished || DateTime.UtcNow - lastReport >= interval))
            {
                report(snapshot);
                tracker.Shown(snapshot);
                lastReport = DateTime.UtcNow;
            }

            if (status.IsFinished)
            {
                return status;
            }

            await Task.Delay(PollDelay(status), cancellationToken);
        }
    }

    /// <summary>
    /// A twentieth of the run's age, between 100 ms and 1 s: the end of a short run is seen within 100 ms, and a longer one within
    /// 5 % of its time, in fewer reads. Each read is a storage query whose CPU, on Azurite, the watched run shares: read every
    /// 100 ms, a 12-second article run on two cores lost about 0.5 s of CPU to its reads.
    /// </summary>
    public static TimeSpan PollDelay(TimeSpan runAge) =>
        TimeSpan.FromTicks(Math.Clamp(runAge.Ticks / 20, FirstPollInterval.Ticks, LongestPollInterval.Ticks));

    static TimeSpan PollDelay(RunStatus status) => PollDelay(TimeSpan.FromSeconds(status.ElapsedSeconds));

    static async Task<RunStatus> ReadAsync(DurableTaskClient client, string runId, StorageRetry? storage, CancellationToken cancellationToken)
    {
        RunStatus? status;
        try
        {
            status = storage is null
                ? await RunStatusReader.ReadAsync(client, runId, TimeProvider.System, cancellationToken)
                : await storage.RunAsync(token => RunStatusReader.ReadAsync(client, runId, TimeProvider.System, token), cancellationToken);
        }
        catch (StorageUnreachableException e)
        {
            throw e.WithHint($"Run {runId} stays in the task hub; resume it with: runs wait {runId}");
        }

        return status ?? throw new CommandFailedException($"No run with id '{runId}' in this task hub.", ExitCodes.Failed);
    }

    static void WriteJson(ProgressSnapshot s) =>
        Console.WriteLine(JsonSerializer.Serialize(
            new
            {
                @event = "progress",
                runId = s.RunId,
                status = s.Status,
                total = s.Total,
                succeeded = s.Succeeded,
                failed = s.Failed,
                done = s.Done,
                inFlight = s.InFlight,
                elapsedSeconds = Math.Round(s.ElapsedSeconds, 3),
                rate = Math.Round(s.Rate, 2),
            },
            BlobResultStore.Json));

    static void WritePlain(ProgressSnapshot s) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {s.Status,-9} {s.Done,6}/{s.Total} done, {s.Failed} failed, {s.InFlight} in flight, {s.ElapsedSeconds:F1} s, " +
            $"{s.Rate:F1}/s{FormatEta(s, ", ETA ")}"));

    /// <summary>A Spectre.Console progress display for one run: bar, done/total, failed, rate, ETA, in flight.</summary>
    static async Task<RunStatus> LiveAsync(Func<CancellationToken, Task<RunStatus>> read, string runId, CancellationToken cancellationToken)
    {
        var stats = new TextColumn();
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            // The run id is on the line above (RunOutput.Started); the numbers take what the bar leaves of the terminal.
            .Columns(new ProgressBarColumn { Width = Math.Clamp(AnsiConsole.Profile.Width - 72, 10, 40) }, new PercentageColumn(), stats)
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(runId), autoStart: true, maxValue: 1);
                task.IsIndeterminate = true;
                var tracker = new ProgressTracker();
                while (true)
                {
                    RunStatus status = await read(cancellationToken);
                    if (tracker.Accept(status) is { } s)
                    {
                        tracker.Shown(s);
                        if (s.Total > 0)
                        {
                            task.IsIndeterminate = false;
                            task.MaxValue = s.Total;
                            task.Value = s.Done;
                        }

                        string failed = s.Failed > 0 ? $"[red]{s.Failed} failed[/]" : "0 failed";
                        stats.Text = string.Create(CultureInfo.InvariantCulture,
                            $"{s.Done}/{s.Total} done, {failed}, {s.Rate:F1}/s, ETA {FormatEta(s, "")}, {s.InFlight} in flight");
                    }

                    if (status.IsFinished)
                    {
                        task.IsIndeterminate = false;
                        task.StopTask();
                        context.Refresh();
                        return status;
                    }

                    await Task.Delay(PollDelay(status), cancellationToken);
                }
            });
    }

    static string FormatEta(ProgressSnapshot s, string prefix) => s switch
    {
        { IsFinished: true } => prefix.Length == 0 ? "-" : "",
        { Total: > 0 } when s.Done >= s.Total => prefix + "0:00",
        { Eta: { } eta } => prefix + (
            eta.TotalHours >= 1 ? eta.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : eta.ToString(@"m\:ss", CultureInfo.InvariantCulture)),
        _ => prefix.Length == 0 ? "?" : "",
    };

    /// <summary>A column showing whatever markup was last set; one per display, so one run's numbers.</summary>
    sealed class TextColumn : ProgressColumn
    {
        volatile string text = "";

        public string Text
        {
            get => text;
            set => text = value;
        }

        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Markup(text);
    }
}
