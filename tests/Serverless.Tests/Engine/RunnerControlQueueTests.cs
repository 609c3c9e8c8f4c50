using Serverless.Local.Engine;
using Xunit;

namespace Serverless.Tests.Engine;

public sealed class RunnerControlQueueTests
{
    static readonly HostJsonStorage HostJson = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), 4, 32);

    [Fact]
    public void The_runner_hides_a_control_message_no_longer_than_its_ceiling_and_keeps_every_other_host_json_value()
    {
        HostJsonStorage runner = RunnerControlQueue.Apply(HostJson, _ => null);

        Assert.Equal(HostJson with { ControlQueueVisibilityTimeout = RunnerControlQueue.Ceiling }, runner);
        Assert.Equal(TimeSpan.FromSeconds(10), RunnerControlQueue.Ceiling);
    }

    [Fact]
    public void A_shorter_host_json_timeout_stays_as_it_is()
    {
        HostJsonStorage quick = HostJson with { ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(5) };

        Assert.Equal(quick, RunnerControlQueue.Apply(quick, _ => null));
    }

    [Fact]
    public void The_environment_override_of_the_host_json_setting_wins_even_above_the_ceiling()
    {
        var environment = new Dictionary<string, string?>
        {
            [HostJsonStorage.EnvPrefix + "controlQueueVisibilityTimeout"] = "00:05:00",
        };
        HostJsonStorage fromEnvironment = HostJson with { ControlQueueVisibilityTimeout = TimeSpan.FromMinutes(5) };

        Assert.Equal(fromEnvironment, RunnerControlQueue.Apply(fromEnvironment, environment.GetValueOrDefault));
    }
}
