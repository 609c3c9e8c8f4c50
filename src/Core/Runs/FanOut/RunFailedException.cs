namespace Serverless.Core.Runs.FanOut;

/// <summary>Thrown by a run's orchestrator after it wrote its results, so the orchestration ends Failed with this reason.</summary>
public sealed class RunFailedException(string reason) : Exception(reason);
