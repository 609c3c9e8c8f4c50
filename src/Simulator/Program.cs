using System.CommandLine;
using Serverless.Simulator;

// Longer than the simulator's own stop grace, so Ctrl+C/SIGTERM lets it drain and print its summary.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(5) };
return await new SimulatorCommandLine().Build().Parse(args).InvokeAsync(invocation);
