using Serverless.Local.Engine;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Engine;

public sealed class HostJsonStorageTests
{
    static readonly Func<string, string?> NoEnvironment = _ => null;
    static readonly string RepoHostJson = Path.Combine(RepoPaths.Root, "host.json");

    [Fact]
    public void The_runner_polls_and_hides_its_queues_as_the_repository_host_json_tells_the_Functions_host()
    {
        HostJsonStorage storage = HostJsonStorage.Load(RepoHostJson, NoEnvironment);

        Assert.Equal(new HostJsonStorage(TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), 4, 32), storage);
    }

    [Fact]
    public void The_Functions_host_environment_override_wins_and_a_bad_value_names_the_setting()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
        };
        Assert.Equal(TimeSpan.FromSeconds(1), HostJsonStorage.Load(RepoHostJson, environment.GetValueOrDefault).MaxQueuePollingInterval);

        environment["AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount"] = "0";
        var error = Assert.Throws<InvalidOperationException>(() => HostJsonStorage.Load(RepoHostJson, environment.GetValueOrDefault));
        Assert.Contains("storageProvider.partitionCount", error.Message);
    }

    [Fact]
    public void Without_a_storage_provider_section_the_provider_defaults_apply()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"version\":\"2.0\"}");
            Assert.Equal(HostJsonStorage.ProviderDefaults, HostJsonStorage.Load(path, NoEnvironment));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
