using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Runs.Limits;

namespace Serverless.Core.Users;

/// <summary>
/// Starts a user-fetch run with the caps configured for this environment and the request's own settings. The run is pinned to this
/// environment's user API and call settings (<see cref="UserApiSettings"/> in its plan): it keeps them whoever resumes it.
/// </summary>
public sealed class UserFetchStarter(
    IOptions<UserApiOptions> api, IOptions<UserFetchOptions> fetch, IOptions<ResultStoreOptions> results, RunStarter starter)
{
    public Task<string> StartAsync(
        DurableTaskClient client,
        IReadOnlyList<int> userIds,
        RunSettings? settings = null,
        string? redriveOf = null,
        CancellationToken cancellationToken = default)
    {
        settings ??= RunSettings.Default;
        UserApiOptions apiOptions = api.Value;
        UserFetchOptions fetchOptions = fetch.Value;
        var userApi = UserApiSettings.From(apiOptions);
        int chunkSize = ChunkSizing.ForUserRun(userIds.Count, fetchOptions.ChunkSize, apiOptions.MaxConcurrency);
        var plan = new RunPlan(
            RunKinds.Users,
            userIds.Count,
            chunkSize,
            settings.BatchSize ?? (fetchOptions.BatchSize > 0
                ? fetchOptions.BatchSize
                : BatchSizing.ForUserRun(userIds.Count, chunkSize, apiOptions.MaxConcurrency)),
            apiOptions.MaxConcurrency,
            settings.Tolerance,
            results.Value.Container,
            fetchOptions.AdaptiveConcurrency,
            fetchOptions.SharedApiLimit ? ApiLimiter.InstanceIdFor(apiOptions.BaseUrl) : null,
            redriveOf,
            Prefix: null,
            new Dictionary<string, string>(userApi.AsCaps())
            {
                ["UserApi:MaxConcurrency"] = apiOptions.MaxConcurrency.ToString(CultureInfo.InvariantCulture),
                ["UserFetch:ChunkSize"] = chunkSize.ToString(CultureInfo.InvariantCulture),
                [BanPause.CooldownCap] = fetchOptions.BanCooldown.ToString("c", CultureInfo.InvariantCulture),
            },
            Articles: null,
            fetchOptions.LimiterAskAgainAfter,
            UserApi: userApi);
        return starter.StartAsync(client, nameof(UserFetchOrchestrator), starter.NewRunId(RunKinds.Users), userIds, plan, cancellationToken);
    }
}
