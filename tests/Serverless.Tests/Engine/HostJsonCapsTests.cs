using Serverless.Local.Engine;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Engine;

public sealed class HostJsonCapsTests
{
    static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void The_runner_reads_the_repository_host_json_the_Functions_host_reads()
    {
        HostJsonCaps caps = HostJsonCaps.Load(Path.Combine(RepoPaths.Root, "host.json"), NoEnvironment);

        Assert.Equal(new HostJsonCaps(100, 20), caps);
    }

    [Fact]
    public void The_Functions_host_environment_override_wins_over_the_file()
    {
        string path = Path.Combine(RepoPaths.Root, "host.json");
        var environment = new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions"] = "7",
        };

        HostJsonCaps caps = HostJsonCaps.Load(path, environment.GetValueOrDefault);

        Assert.Equal(new HostJsonCaps(7, 20), caps);
    }

    [Fact]
    public void Missing_values_fall_back_to_the_defaults_and_a_non_positive_cap_is_refused()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"version\":\"2.0\",\"extensions\":{\"durableTask\":{\"maxConcurrentOrchestratorFunctions\":0}}}");

            var error = Assert.Throws<InvalidOperationException>(() => HostJsonCaps.Load(path, NoEnvironment));
            Assert.Contains("maxConcurrentOrchestratorFunctions", error.Message);

            File.WriteAllText(path, "{\"version\":\"2.0\"}");
            Assert.Equal(HostJsonCaps.Defaults, HostJsonCaps.Load(path, NoEnvironment));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
