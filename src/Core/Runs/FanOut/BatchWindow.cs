using Microsoft.DurableTask;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// The batches of one orchestration (a small run, or one chunk of a large one) through an adaptive window of items in flight.
/// Each batch is one activity working on up to <see cref="RunPlan.BatchSize"/> items with at most the window's worth at once,
/// so the items in flight never exceed the window even when a batch is larger than it. Stops scheduling (and lets in-flight
/// batches finish) when told to stop or when its failures exceed the run's remaining budget.
/// Runs inside an orchestrator, so it is replayed: it only awaits durable tasks and keeps no other state.
/// </summary>
public static class BatchWindow
{
    public const string ThresholdReason = "failure threshold exceeded";

    public static async Task<ChunkReport> RunAsync(
        TaskOrchestrationContext context,
        ChunkWork work,
        IReadOnlyList<string> items,
        string activity,
        int ceiling,
        Task<string> stop,
        Action<BatchReport, int> completed)
    {
        RunPlan plan = work.Plan;
        string[][] batches = items.Chunk(Math.Max(1, plan.BatchSize)).ToArray();
        var window = new AdaptiveWindow(ceiling, plan.Adaptive);
        var inFlight = new Dictionary<Task<BatchReport>, (int Size, int Concurrency, int Round)>();
        int calls = 0, next = 0, succeeded = 0, failed = 0, throttled = 0;
        string? stoppedBecause = null;
        bool stopSeen = false;

        void ScheduleWhatFits()
        {
            while (stoppedBecause is null && next < batches.Length)
            {
                string[] batch = batches[next];
                int concurrency = Math.Min(batch.Length, window.Current);
                if (inFlight.Count > 0 && calls + concurrency > window.Current)
                {
                    return;
                }

                var input = new WorkBatch(work.RunId, plan.ResultsContainer, work.Chunk, next, batch, concurrency, plan.Parameters);
                inFlight.Add(context.CallActivityAsync<BatchReport>(activity, input), (batch.Length, concurrency, window.Round));
                calls += concurrency;
                next++;
            }
        }

        ScheduleWhatFits();
        while (inFlight.Count > 0)
        {
            Task first = stopSeen ? await Task.WhenAny(inFlight.Keys) : await Task.WhenAny(inFlight.Keys.Append<Task>(stop));
            if (first == stop)
            {
                stopSeen = true;
                stoppedBecause ??= await stop;
                continue;
            }

            var done = (Task<BatchReport>)first;
            (int size, int doneConcurrency, int round) = inFlight[done];
            inFlight.Remove(done);
            calls -= doneConcurrency;
            BatchReport report;
            try
            {
                report = await done;
            }
            catch (TaskFailedException)
            {
                // Its items have no outcome in the part blobs; the results writer lists them as failed with the reason.
                report = new BatchReport(0, size, 0);
            }

            succeeded += report.Succeeded;
            failed += report.Failed;
            throttled += report.Throttled;
            window.OnReport(report, round);
            if (failed > work.FailureBudget)
            {
                stoppedBecause ??= ThresholdReason;
            }

            ScheduleWhatFits();
            completed(report, calls);
        }

        return new ChunkReport(items.Count, succeeded, failed, throttled, window.Current, stoppedBecause);
    }
}
