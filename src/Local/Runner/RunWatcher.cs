using System.Text.Json;
using Microsoft.DurableTask.Client;
using Serverless.Core.Runs;
using Serverless.Core.Storage;

namespace Serverless.Local.Runner;

/// <summary>
/// Waits for a run by polling its state (the gRPC WaitForInstanceCompletion polls every 2 s, too coarse here)
/// and reports progress from the orchestration's custom status.
/// </summary>
public static class RunWatcher
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);

    public static async Task<RunStatus> WaitAsync(DurableTaskClient client, string runId, bool json, CancellationToken cancellationToken)
    {
        DateTime lastReport = DateTime.MinValue;
        int lastDone = -1;
        while (true)
        {
            RunStatus status = await RunStatusReader.ReadAsync(client, runId, TimeProvider.System, cancellationToken)
                ?? throw new InvalidOperationException($"No run with id '{runId}' in this task hub.");
            int done = status.Succeeded + status.Failed;
            if (status.IsFinished || (DateTime.UtcNow - lastReport >= ReportInterval && done != lastDone))
            {
                Report(status, json);
                lastReport = DateTime.UtcNow;
                lastDone = done;
            }

            if (status.IsFinished)
            {
                return status;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    static void Report(RunStatus s, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { @event = "progress", s.Id, s.Status, s.Total, s.Succeeded, s.Failed, s.InFlight, s.ElapsedSeconds }, BlobResultStore.Json));
        }
        else
        {
            Console.WriteLine($"  {s.Status,-9} {s.Succeeded + s.Failed,6}/{s.Total} done, {s.Failed} failed, {s.InFlight} in flight, {s.ElapsedSeconds:F1} s");
        }
    }
}
