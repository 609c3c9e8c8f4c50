namespace Serverless.Core.Runs.FanOut;

/// <summary>What one chunk (a sub-orchestration, or the whole of a small run) hands back: counts, and why it stopped early if it did.</summary>
public sealed record ChunkReport(int Succeeded, int Failed, StopReason? StoppedBecause);
