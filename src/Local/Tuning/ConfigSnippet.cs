using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Core.Options;

namespace Serverless.Local.Tuning;

/// <summary>
/// The caps to paste: a host.json fragment for the engine's per-instance caps and the app settings for the workload
/// caps (the same names as environment variables locally and app settings in Azure). Only what was measured is set.
/// </summary>
public sealed record ConfigSnippet(JsonObject HostJson, IReadOnlyDictionary<string, string> AppSettings)
{
    /// <summary>Article activities a run keeps scheduled when nobody changed it (<see cref="ArticleOptions.MaxInFlightPerRun"/>).</summary>
    static readonly int DefaultArticlesInFlight = new ArticleOptions().MaxInFlightPerRun;

    /// <summary>The user-fetch window when nobody changed it (<see cref="UserApiOptions.MaxConcurrency"/>).</summary>
    static readonly int DefaultUserWindow = new UserApiOptions().MaxConcurrency;

    /// <summary>
    /// Both workloads share one instance's activity slots: a user-fetch window of <paramref name="userApiMaxConcurrency"/>
    /// needs that many, and an article run keeps up to <c>MaxInFlightPerRun</c> (at least the workers, so none idles)
    /// scheduled. The engine cap is their sum, so neither workload can starve the other of slots; a workload not
    /// measured counts with its default cap, since it still runs on the same instance.
    /// </summary>
    public static ConfigSnippet Create(int? articlesMaxWorkers, int? userApiMaxConcurrency, double? userApiRequestsPerSecond)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        int articleSlots = DefaultArticlesInFlight;
        if (articlesMaxWorkers is { } workers)
        {
            settings[$"{ArticleOptions.Section}__{nameof(ArticleOptions.MaxWorkers)}"] = Text(workers);
            articleSlots = Math.Max(workers, DefaultArticlesInFlight);
            if (workers > DefaultArticlesInFlight)
            {
                settings[$"{ArticleOptions.Section}__{nameof(ArticleOptions.MaxInFlightPerRun)}"] = Text(workers);
            }
        }

        if (userApiMaxConcurrency is { } concurrency)
        {
            settings[$"{UserApiOptions.Section}__{nameof(UserApiOptions.MaxConcurrency)}"] = Text(concurrency);
        }

        if (userApiRequestsPerSecond is { } rate)
        {
            settings[$"{UserApiOptions.Section}__{nameof(UserApiOptions.RequestsPerSecond)}"] = rate.ToString("0.##", CultureInfo.InvariantCulture);
        }

        var durable = new JsonObject { ["maxConcurrentActivityFunctions"] = articleSlots + (userApiMaxConcurrency ?? DefaultUserWindow) };
        var host = new JsonObject { ["extensions"] = new JsonObject { ["durableTask"] = durable } };
        return new ConfigSnippet(host, settings);
    }

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string HostJsonText => HostJson.ToJsonString(Indented);

    public string AppSettingsText => JsonSerializer.Serialize(AppSettings, Indented);

    /// <summary>The same app settings as <c>az functionapp config appsettings set</c> arguments.</summary>
    public string AzCliArguments => string.Join(' ', AppSettings.Select(kv => $"{kv.Key}={kv.Value}"));

    static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
