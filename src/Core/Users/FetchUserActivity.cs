using Microsoft.DurableTask;

namespace Serverless.Core.Users;

/// <summary>Fetches one user. Never throws for a user-level failure: it returns it, so the run can list it.</summary>
public sealed class FetchUserActivity(UserApiClient client) : TaskActivity<FetchUserInput, UserFetchOutcome>
{
    public override Task<UserFetchOutcome> RunAsync(TaskActivityContext context, FetchUserInput input) =>
        client.FetchAsync(input.UserId);
}
