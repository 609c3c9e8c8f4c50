using System.CommandLine;

namespace Serverless.Local.Commands.Runs;

/// <summary>
/// <c>runs wait ID</c>, and what Durable Functions Monitor shows: <c>runs list</c>, <c>runs show ID</c>, <c>runs purge</c>;
/// <c>runs cancel ID</c> and <c>runs redrive ID</c> as the HTTP API has them. One type a subcommand.
/// </summary>
public static class RunsCommand
{
    public static Command Create() => new("runs", "Inspect runs, or resume and wait for one.")
    {
        RunsWaitCommand.Create(),
        RunsListCommand.Create(),
        RunsShowCommand.Create(),
        RunsPurgeCommand.Create(),
        RunsCancelCommand.Create(),
        RunsRedriveCommand.Create(),
    };
}
