using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Serverless.Core.Options;
using Serverless.Local.Engine;
using Serverless.Local.Tuning;
using Xunit;

namespace Serverless.Tests.Tuning;

public sealed class ConfigSnippetTests : IDisposable
{
    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("tune-snippet-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void App_settings_parse_as_json_and_bind_to_the_options_they_claim()
    {
        ConfigSnippet snippet = ConfigSnippet.Create(articlesMaxWorkers: 3, userApiMaxConcurrency: 11, userApiRequestsPerSecond: 42.5);

        IConfiguration configuration = AsEnvironment(snippet.AppSettingsText);
        ArticleOptions articles = Bind<ArticleOptions>(configuration, ArticleOptions.Section);
        UserApiOptions users = Bind<UserApiOptions>(configuration, UserApiOptions.Section);

        Assert.Equal(3, articles.MaxWorkers);
        Assert.Equal(11, users.MaxConcurrency);
        Assert.Equal(42.5, users.RequestsPerSecond);
        Assert.Equal(3, snippet.AppSettings.Count);
    }

    [Fact]
    public void Host_json_fragment_gives_the_engine_slots_for_both_workloads()
    {
        ConfigSnippet snippet = ConfigSnippet.Create(articlesMaxWorkers: 2, userApiMaxConcurrency: 11, userApiRequestsPerSecond: null);
        string path = Path.Combine(folder.FullName, "host.json");
        File.WriteAllText(path, snippet.HostJsonText);

        // Read the way the local runner reads host.json (no environment overrides).
        HostJsonCaps caps = HostJsonCaps.Load(path, _ => null);

        // A user-fetch window of 11 plus an article run's default 8 activities in flight.
        Assert.Equal(11 + new ArticleOptions().MaxInFlightPerRun, caps.MaxConcurrentActivityFunctions);
        Assert.Equal(HostJsonCaps.Defaults.MaxConcurrentOrchestratorFunctions, caps.MaxConcurrentOrchestratorFunctions);
        Assert.DoesNotContain(snippet.AppSettings.Keys, k => k.Contains("RequestsPerSecond", StringComparison.Ordinal));
    }

    [Fact]
    public void More_workers_than_an_article_run_schedules_raise_the_run_window_and_the_engine_cap_with_them()
    {
        ConfigSnippet snippet = ConfigSnippet.Create(articlesMaxWorkers: 16, userApiMaxConcurrency: null, userApiRequestsPerSecond: null);

        ArticleOptions articles = Bind<ArticleOptions>(AsEnvironment(snippet.AppSettingsText), ArticleOptions.Section);
        int activitySlots = JsonDocument.Parse(snippet.HostJsonText).RootElement
            .GetProperty("extensions").GetProperty("durableTask").GetProperty("maxConcurrentActivityFunctions").GetInt32();

        Assert.Equal(16, articles.MaxWorkers);
        Assert.Equal(16, articles.MaxInFlightPerRun);
        // The user workload was not measured: its default window still needs its slots.
        Assert.Equal(16 + new UserApiOptions().MaxConcurrency, activitySlots);
        Assert.False(snippet.AppSettings.ContainsKey("UserApi__MaxConcurrency"));
    }

    /// <summary>App settings reach the app as environment variables, where <c>__</c> stands for the section separator.</summary>
    static IConfiguration AsEnvironment(string appSettingsJson)
    {
        Dictionary<string, string?> settings = JsonSerializer.Deserialize<Dictionary<string, string?>>(appSettingsJson)!;
        return new ConfigurationBuilder()
            .AddInMemoryCollection(
                settings.ToDictionary(kv => kv.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), kv => kv.Value))
            .Build();
    }

    static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
