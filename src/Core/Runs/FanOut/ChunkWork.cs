namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// Input of one chunk sub-orchestration: the run's plan (no items), which chunk, its lane's part of the run's
/// <see cref="RunPlan.MaxConcurrency"/>, and how many more failures the run can take before it must stop. A run of one chunk
/// passes <see cref="SoleBatch"/> for the case that the chunk is one batch.
/// </summary>
public sealed record ChunkWork(string RunId, RunPlan Plan, int Chunk, int MaxConcurrency, int FailureBudget, SoleBatchResults? SoleBatch = null);
