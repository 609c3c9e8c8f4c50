using System.CommandLine;
using Serverless.Simulator;

namespace Serverless.Local.Commands;

/// <summary>How the bundled API simulator behaves when the runner starts it (no <c>--api</c>).</summary>
public sealed class SimulatorCliOptions
{
    readonly Option<int> latency = new("--sim-latency-ms")
    {
        Description = "Simulator: service time per request (ms).",
        DefaultValueFactory = _ => 200,
    };

    readonly Option<int> limit = new("--sim-limit")
    {
        Description = "Simulator: concurrent requests above which it answers 429 (0 = none).",
        DefaultValueFactory = _ => 20,
    };

    readonly Option<double> errorRate = new("--sim-error-rate")
    {
        Description = "Simulator: share of requests answered 5xx (0..1).",
        DefaultValueFactory = _ => 0,
    };

    readonly Option<int> seed = new("--sim-seed")
    {
        Description = "Simulator: seed for user content and injected faults.",
        DefaultValueFactory = _ => 42,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(latency);
        command.Options.Add(limit);
        command.Options.Add(errorRate);
        command.Options.Add(seed);
    }

    public SimulatorOptions Read(ParseResult parse) => new()
    {
        LatencyMs = parse.GetValue(latency),
        ConcurrencyLimit = parse.GetValue(limit),
        ErrorRate = parse.GetValue(errorRate),
        Seed = parse.GetValue(seed),
    };
}
