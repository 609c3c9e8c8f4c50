using Microsoft.DurableTask;

namespace Serverless.Core.Storage;

/// <summary>Fan-in: writes the run's users, failures and manifest in one go.</summary>
public sealed class WriteUserResultsActivity(BlobResultStore store) : TaskActivity<UserRunResults, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, UserRunResults input)
    {
        await store.WriteUserRunAsync(input);
        return true;
    }
}
