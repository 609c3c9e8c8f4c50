using Serverless.Core.Runs;
using Serverless.Core.Storage;

namespace Serverless.Core.Users;

/// <summary>A user-fetch run's result lines: each user's JSON as the API sent it, and the failed users.</summary>
public sealed class UserResultLines : RunResultLines<int, UserFetchOutcome>
{
    public override string Kind => RunKinds.Users;

    protected override int Key(UserFetchOutcome outcome) => outcome.UserId;

    protected override string? SucceededLine(UserFetchOutcome outcome) => outcome.Succeeded ? outcome.UserJson! : null;

    protected override string FailedLine(UserFetchOutcome outcome) =>
        Line(new FailedUser(outcome.UserId, outcome.Reason ?? "unknown", outcome.Attempts, outcome.StatusCode));

    protected override string MissingLine(int userId, string reason) => Line(new FailedUser(userId, reason, 0, null));
}
