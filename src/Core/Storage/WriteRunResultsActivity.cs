using Microsoft.DurableTask;
using Serverless.Core.Runs;

namespace Serverless.Core.Storage;

/// <summary>Fan-in: writes the run's result files and, last, its manifest, which it returns with the counts it found.</summary>
public sealed class WriteRunResultsActivity(RunResultsWriter writer) : TaskActivity<RunResultsRequest, RunManifest>
{
    public override Task<RunManifest> RunAsync(TaskActivityContext context, RunResultsRequest input) =>
        writer.WriteAsync(input.Draft, input.MissingReason);
}
