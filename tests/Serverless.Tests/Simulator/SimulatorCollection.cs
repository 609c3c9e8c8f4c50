using Xunit;

namespace Serverless.Tests.Simulator;

/// <summary>
/// The simulator tests assert on timing-driven behaviour (requests overlapping within a latency window,
/// a ban building up over a sliding window), so they run alone rather than competing with the rest of the
/// suite for the machine's two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimulatorCollection
{
    public const string Name = "Simulator";
}
