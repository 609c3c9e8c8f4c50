using System.CommandLine;
using Serverless.Local.Commands;
using Serverless.Local.Commands.Runs;

var root = new RootCommand("Serverless local runner: the same Core orchestrations on the Durable Task engine, without Functions Core Tools.");
root.Subcommands.Add(UsersCommand.Create());
root.Subcommands.Add(ArticlesCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(TermsCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(BenchNlpCommand.Create());
root.Subcommands.Add(ProfileNlpCommand.Create());
root.Subcommands.Add(BenchFanOutCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(TuneCommand.Create());

// Signals and failures are handled here, once for every command (ShutdownSignals, CommandFailures).
using ShutdownSignals signals = ShutdownSignals.Register();
try
{
    int code = await root.Parse(args).InvokeAsync(
        new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, signals.Token);
    return code;
}
catch (Exception e) when (CommandFailures.Describe(e, signals.ExitCode) is { } failure)
{
    Console.Error.WriteLine(failure.Message);
    return failure.ExitCode;
}
catch (Exception e)
{
    Console.Error.WriteLine($"Unhandled exception: {e}");
    return 1;
}
