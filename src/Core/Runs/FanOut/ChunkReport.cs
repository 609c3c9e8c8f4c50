namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// What one chunk (a sub-orchestration, or the whole of a small run) hands back: counts, and why it stopped early if it did.
/// <see cref="Throttled"/> and <see cref="FinalWindow"/> show how the adaptive window fared, for whoever inspects a chunk (<c>runs show</c>).
/// </summary>
public sealed record ChunkReport(int Items, int Succeeded, int Failed, int Throttled, int FinalWindow, string? StoppedBecause);
