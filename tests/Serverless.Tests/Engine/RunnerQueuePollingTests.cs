using Serverless.Local.Engine;
using Xunit;

namespace Serverless.Tests.Engine;

public sealed class RunnerQueuePollingTests
{
    static readonly HostJsonStorage HostJson = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), 4, 32);

    [Fact]
    public void The_runner_polls_idle_queues_no_more_often_than_its_floor_and_keeps_every_other_host_json_value()
    {
        HostJsonStorage runner = RunnerQueuePolling.Apply(HostJson, _ => null);

        Assert.Equal(HostJson with { MaxQueuePollingInterval = RunnerQueuePolling.Floor }, runner);
        Assert.Equal(TimeSpan.FromSeconds(2), RunnerQueuePolling.Floor);
    }

    [Fact]
    public void A_longer_host_json_interval_stays_as_it_is()
    {
        HostJsonStorage slow = HostJson with { MaxQueuePollingInterval = TimeSpan.FromSeconds(30) };

        Assert.Equal(slow, RunnerQueuePolling.Apply(slow, _ => null));
    }

    [Fact]
    public void The_environment_override_of_the_host_json_setting_wins_even_below_the_floor()
    {
        var environment = new Dictionary<string, string?>
        {
            [HostJsonStorage.EnvPrefix + "maxQueuePollingInterval"] = "00:00:00.100",
        };
        HostJsonStorage fromEnvironment = HostJson with { MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100) };

        Assert.Equal(fromEnvironment, RunnerQueuePolling.Apply(fromEnvironment, environment.GetValueOrDefault));
    }
}
