using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Core.Runs.Limits;

/// <summary>The client side of the API limiter: its instance id for an API, and starting it before the first run needs it.</summary>
public static class ApiLimiter
{
    /// <summary>One limiter per API base address (case and trailing slash do not make a second one).</summary>
    public static string InstanceIdFor(string apiBaseUrl)
    {
        string key = apiBaseUrl.Trim().TrimEnd('/').ToLowerInvariant();
        return $"api-limiter-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]}";
    }

    public static async Task EnsureStartedAsync(DurableTaskClient client, string limiterId, CancellationToken cancellationToken = default)
    {
        OrchestrationMetadata? existing = await client.GetInstanceAsync(limiterId, cancellationToken);
        if (existing is not null && !OrchestrationStates.HasEnded(existing.RuntimeStatus))
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ApiLimiterOrchestrator), input: null, new StartOrchestrationOptions(limiterId), cancellationToken);
        }
        catch (Exception)
        {
            // Another starter may have won the race: one limiter running is all we need.
            if (await client.GetInstanceAsync(limiterId, cancellationToken) is not { } limiter || OrchestrationStates.HasEnded(limiter.RuntimeStatus))
            {
                throw;
            }
        }
    }
}
