using System.CommandLine;
using System.Text.Json;
using Serverless.Local.Commands;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FunctionsHost;

/// <summary>
/// The Functions host (scripts/functions.sh, func start: local.settings.json) and the runner (scripts/run.sh's demo) on one
/// machine: on one task hub the host replayed the leftover messages of the demo's purged runs, logging them as warnings.
/// </summary>
public sealed class LocalTaskHubTests
{
    [Fact]
    public void The_Functions_host_and_the_runner_use_different_task_hubs_by_default()
    {
        using JsonDocument settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.json")));
        string hostHub = settings.RootElement.GetProperty("Values").GetProperty("TaskHubName").GetString()!;
        var common = new CommonOptions();
        var command = new RootCommand();
        common.AddTo(command);
        string runnerHub = command.Parse([]).GetValue(common.TaskHub)!;

        Assert.False(string.Equals(hostHub, runnerHub, StringComparison.OrdinalIgnoreCase),
            $"local.settings.json's TaskHubName is the runner's default task hub ({runnerHub})");
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", hostHub);
    }
}
