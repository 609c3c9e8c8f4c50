using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Core.Articles;
using Serverless.Core.Options;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Storage;
using Serverless.Core.Users;

namespace Serverless.Core.Runs;

/// <summary>
/// Acting on runs that exist: cancel one in progress (it stops scheduling, its batches stop calling, the calls in flight finish, and
/// it writes a manifest marked cancelled), or redrive a finished one (a new run over exactly the items its failed.ndjson lists, linked back to it).
/// </summary>
public sealed class RunControl(
    BlobResultStore results,
    IOptions<ResultStoreOptions> resultOptions,
    UserFetchStarter users,
    ArticleRunStarter articles,
    RunCancelFlag cancelFlag)
{
    public const string CancelReason = "cancelled on request";

    public async Task<RunControlResult> CancelAsync(DurableTaskClient client, string runId, CancellationToken cancellationToken = default)
    {
        OrchestrationMetadata? instance = await client.GetInstanceAsync(runId, cancellationToken);
        if (instance is null || !RunOrchestrators.IsRun(instance.Name))
        {
            return RunControlResult.NotFound($"No run with id '{runId}'.");
        }

        if (OrchestrationStates.HasEnded(instance.RuntimeStatus))
        {
            return RunControlResult.Conflict($"Run '{runId}' has already finished ({instance.RuntimeStatus}); there is nothing to cancel.");
        }

        await client.RaiseEventAsync(runId, RunEvents.Stop, StopReason.Cancel(CancelReason), cancellationToken);
        // After the event, so a batch that sees the flag and stops early reports to a run that has the stop on its way.
        await cancelFlag.WriteAsync(resultOptions.Value.Container, runId, CancelReason, cancellationToken);
        return RunControlResult.Done(runId, 0);
    }

    public async Task<RunControlResult> RedriveAsync(DurableTaskClient client, string runId, CancellationToken cancellationToken = default)
    {
        string container = resultOptions.Value.Container;
        RunManifest? manifest = await results.ReadManifestAsync(container, runId, cancellationToken);
        if (manifest is null)
        {
            return await client.GetInstanceAsync(runId, cancellationToken) is { } instance && RunOrchestrators.IsRun(instance.Name)
                ? RunControlResult.Conflict($"Run '{runId}' has not finished; redrive it once its manifest is written (or cancel it first).")
                : RunControlResult.NotFound($"No run with id '{runId}'.");
        }

        bool isUsers = manifest.Kind == RunKinds.Users;
        var failed = new List<JsonElement>();
        await foreach (JsonElement line in results.ReadNdjsonAsync(manifest.Files.Container, manifest.Files.Failed, cancellationToken))
        {
            failed.Add(line.GetProperty(isUsers ? "userId" : "article"));
        }

        if (failed.Count == 0)
        {
            return RunControlResult.Conflict($"Run '{runId}' has no failed items; there is nothing to redrive.");
        }

        // Same batching as the original run; no failure threshold, since these are the items that failed.
        var settings = new RunSettings(
            BatchSize: manifest.Caps.TryGetValue(RunTracker.BatchSizeCap, out string? batch)
                && int.TryParse(batch, CultureInfo.InvariantCulture, out int size) ? size : null);
        string newRunId = isUsers
            ? await users.StartAsync(client, failed.Select(id => id.GetInt32()).ToList(), settings, runId, cancellationToken)
            : await articles.StartBatchAsync(
                client, failed.Select(name => name.GetString()!).ToList(), prefix: null, settings, runId, cancellationToken);
        return RunControlResult.Done(newRunId, failed.Count);
    }
}
