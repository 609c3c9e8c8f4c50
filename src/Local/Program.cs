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
// On SIGINT/SIGTERM a command gets time to stop its engine, which drains the work it holds within 10 s (DurableEngine.DisposeAsync).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });
