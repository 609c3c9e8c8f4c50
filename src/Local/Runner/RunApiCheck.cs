using System.Text.Json;
using Microsoft.DurableTask.Client;
using Serverless.Core.Options;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Local.Runner;

/// <summary>
/// A user run is pinned to the API it started with: its batches call that API whatever <c>--api</c> a later process is given.
/// So a resume that names another API is refused up front, rather than silently calling the first one (or, as before the
/// pinning, mixing two APIs' users in one result).
/// </summary>
public static class RunApiCheck
{
    /// <summary>Why <paramref name="api"/> may not resume <paramref name="runId"/>, or null when it may (same API, or not a user run).</summary>
    public static async Task<string?> RefusalAsync(RunnerSettings settings, string runId, string api, CancellationToken cancellationToken)
    {
        // Read before any worker starts, so a refused resume runs none of the run's work. No --api here: it is what is being checked.
        await using RunnerSession? session = await RunnerSession.StartAsync(
            settings with { ApiBaseUrl = null }, RunnerSessionOptions.ClientOnly, cancellationToken);
        if (session is null)
        {
            return null; // storage unreachable, already said; the resume itself will say it again and exit
        }

        OrchestrationMetadata? instance = await session.Client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        string? runApi = instance?.SerializedInput is null ? null : ApiOf(PlanOf(instance));
        return runApi is null || UserApiSettings.SameApi(runApi, api)
            ? null
            : $"Run {runId} calls the user API at {runApi}; --api {api} names another API. A run keeps its API: leave out --api to resume it.";
    }

    /// <summary>The run's plan; null for an instance whose input is not one (a limiter, say), which has no API to check.</summary>
    static RunPlan? PlanOf(OrchestrationMetadata instance)
    {
        try
        {
            return instance.ReadInputAs<RunPlan>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static string? ApiOf(RunPlan? plan) =>
        plan?.UserApi?.BaseUrl
        ?? (plan?.Caps is { } caps && caps.TryGetValue($"{UserApiOptions.Section}:{nameof(UserApiOptions.BaseUrl)}", out string? url) ? url : null);
}
