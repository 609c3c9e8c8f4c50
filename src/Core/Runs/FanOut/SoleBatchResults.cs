namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// Carried by the batch that is all of a run's work: its activity writes the run's result files and manifest from the outcomes it
/// holds, instead of a part that the fan-in activity, one engine round trip later, would read back. It does so only while the
/// run's failures stay within <see cref="AllowedFailures"/>; past them it writes its part like any batch, and the orchestrator
/// fans in and fails the run as usual. <see cref="Draft"/> is the manifest of a completed run, without counts or end time.
/// </summary>
public sealed record SoleBatchResults(RunManifest Draft, int AllowedFailures);
