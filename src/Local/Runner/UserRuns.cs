using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Http;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Users;
using Serverless.Local.Engine;
using Serverless.Simulator;

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

    /// <summary>The bundled simulator, started on a free port when no <c>--api</c> is given (the caller disposes it); else null.</summary>
    public static async Task<ApiSimulator?> SimulatorUnlessApiAsync(RunnerSettings settings, SimulatorOptions options, CancellationToken cancellationToken) =>
        settings.ApiBaseUrl is null ? await ApiSimulator.StartAsync(options, 0, cancellationToken) : null;

    /// <summary>A user-fetch command's configuration: its storage, the API to call, the cap when given, and any further overrides.</summary>
    public static IConfiguration Configuration(RunnerSettings settings, string api, int? maxConcurrency, Action<IDictionary<string, string?>>? more = null)
    {
        var overrides = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = settings.Storage };
        AddOverrides(overrides, api, maxConcurrency);
        more?.Invoke(overrides);
        return LocalHost.BuildConfiguration(overrides);
    }

    /// <summary>The ids <c>from .. from+count-1</c>, or null after printing which option is at fault.</summary>
    public static IReadOnlyList<int>? ParseRange(IConfiguration configuration, long from, long count)
    {
        int maxUsers = configuration.GetSection(UserFetchOptions.Section).Get<UserFetchOptions>()?.MaxUsersPerRun ?? new UserFetchOptions().MaxUsersPerRun;
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
        DurableEngine engine, RunnerSettings settings, IReadOnlyList<int> userIds, RunSettings runSettings, string api, ApiSimulator? simulator, CancellationToken cancellationToken)
    {
        simulator?.ResetStats();
        string runId = await engine.Services.GetRequiredService<UserFetchStarter>().StartAsync(engine.Client, userIds, runSettings, cancellationToken: cancellationToken);
        RunOutput.Started(settings, runId, userIds.Count, $"{userIds.Count} users from {api}", needsApi: true);
        return await RunWatcher.WaitAsync(engine.Client, runId, settings, cancellationToken);
    }
}
