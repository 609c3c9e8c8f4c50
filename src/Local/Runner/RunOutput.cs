using System.Text.Json;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Simulator;

namespace Serverless.Local.Runner;

/// <summary>What the runner prints at the start and end of a run, as text or one JSON object per line.</summary>
public static class RunOutput
{
    public static void Started(RunnerSettings settings, string runId, int total, string api)
    {
        if (settings.Json)
        {
            Write(new { @event = "started", runId, total, api, engine = settings.Engine.ToString(), taskHub = settings.TaskHub });
            return;
        }

        Console.WriteLine($"Run {runId}: {total} users from {api} on the {settings.Engine} engine (task hub {settings.TaskHub}).");
        Console.WriteLine($"  Resume it after a crash with: runs wait {runId}{(settings.ApiBaseUrl is null ? " --api <url>" : $" --api {settings.ApiBaseUrl}")}");
    }

    public static void Finished(RunnerSettings settings, RunStatus status, SimulatorStats? api)
    {
        if (settings.Json)
        {
            Write(new
            {
                @event = "finished",
                runId = status.Id,
                status = status.Status,
                status.Total,
                status.Succeeded,
                status.Failed,
                status.ElapsedSeconds,
                results = status.Results,
                error = status.Error,
                api = api is null ? null : new { api.MaxInFlight, api.TooManyRequests, api.Forbidden, api.ServerErrors, api.BanCount },
            });
            return;
        }

        Console.WriteLine($"Run {status.Id} {status.Status}: {status.Succeeded} fetched, {status.Failed} failed of {status.Total} in {status.ElapsedSeconds:F2} s.");
        if (status.Results is { } files)
        {
            Console.WriteLine($"  Results in container '{files.Container}':");
            Console.WriteLine($"    {files.Manifest}");
            Console.WriteLine($"    {files.Succeeded}");
            Console.WriteLine($"    {files.Failed}");
        }

        if (status.Error is not null)
        {
            Console.WriteLine($"  Error: {status.Error}");
        }

        if (api is not null)
        {
            Console.WriteLine($"  API simulator saw at most {api.MaxInFlight} in flight; 429s: {api.TooManyRequests}, 403s: {api.Forbidden}, bans: {api.BanCount}.");
        }
    }

    static void Write(object value) => Console.WriteLine(JsonSerializer.Serialize(value, BlobResultStore.Json));
}
