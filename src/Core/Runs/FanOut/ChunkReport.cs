namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// What one chunk (a sub-orchestration, or the whole of a small run) hands back: counts, why it stopped early if it did, and the
/// run's manifest when its one batch wrote the run's results.
/// </summary>
public sealed record ChunkReport(int Succeeded, int Failed, StopReason? StoppedBecause, RunManifest? Results = null);
