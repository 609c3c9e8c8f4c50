using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;

namespace Serverless.Core.Users;

/// <summary>Starts a user-fetch run with the caps configured for this environment.</summary>
public sealed class UserFetchStarter(IOptions<UserApiOptions> api, IOptions<UserFetchOptions> fetch, IOptions<ResultStoreOptions> results, TimeProvider time)
{
    public async Task<string> StartAsync(DurableTaskClient client, IReadOnlyList<int> userIds, CancellationToken cancellationToken = default)
    {
        string runId = NewRunId(time.GetUtcNow());
        var input = new UserFetchRunInput(userIds, api.Value.MaxConcurrency, api.Value.BaseUrl, results.Value.Container, fetch.Value.ChunkSize);
        return await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(UserFetchOrchestrator), input, new StartOrchestrationOptions(runId), cancellationToken);
    }

    /// <summary>Sortable by start time, unique, and safe as a blob folder name.</summary>
    static string NewRunId(DateTimeOffset now) => $"users-{now:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
}
