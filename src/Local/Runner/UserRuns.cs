using System.Globalization;
using Microsoft.Extensions.Configuration;
using Serverless.Core.Http;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Users;

namespace Serverless.Local.Runner;

/// <summary>The steps of a user-fetch run the <c>users</c> and <c>demo</c> commands share.</summary>
public static class UserRuns
{
    /// <summary>Configuration overrides for a user-fetch run: the API to call and, when given, the cap.</summary>
    public static void AddOverrides(IDictionary<string, string?> overrides, string api, int? maxConcurrency)
    {
        overrides[$"{UserApiOptions.Section}:{nameof(UserApiOptions.BaseUrl)}"] = api;
        if (maxConcurrency is { } cap)
        {
            overrides[$"{UserApiOptions.Section}:{nameof(UserApiOptions.MaxConcurrency)}"] = cap.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// The ids <c>from .. from+count-1</c> within the configured UserFetch:MaxUsersPerRun, or null after printing which option is at fault.
    /// </summary>
    public static IReadOnlyList<int>? ParseRange(long from, long count)
    {
        IConfiguration configuration = LocalHost.BuildConfiguration(new Dictionary<string, string?>());
        int maxUsers = configuration.GetSection(UserFetchOptions.Section).Get<UserFetchOptions>()?.MaxUsersPerRun
            ?? new UserFetchOptions().MaxUsersPerRun;
        UserFetchRequestParser.Result ids = UserFetchRequestParser.FromRange(from, count, maxUsers);
        if (ids.Error is { } error)
        {
            Console.Error.WriteLine($"--{error.Field}: {error.Message}");
            return null;
        }

        return ids.UserIds!;
    }

    /// <summary>Starts one run, reports it started and waits for it to finish (printing progress as the settings say).</summary>
    public static async Task<RunStatus> RunAsync(
        RunnerSession session, RunnerSettings settings, IReadOnlyList<int> userIds, RunSettings runSettings, CancellationToken cancellationToken)
    {
        session.Simulator?.ResetStats();
        string runId = await session.Storage.RunAsync(
            token => session.Get<UserFetchStarter>().StartAsync(session.Client, userIds, runSettings, cancellationToken: token), cancellationToken);
        RunOutput.Started(settings, runId, userIds.Count, $"{userIds.Count} users from {session.Api}");
        return await RunWatcher.WaitAsync(session, runId, settings, cancellationToken);
    }
}
