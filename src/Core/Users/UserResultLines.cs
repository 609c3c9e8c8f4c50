using System.Globalization;
using Serverless.Core.Runs;
using Serverless.Core.Storage;

namespace Serverless.Core.Users;

/// <summary>A user-fetch run's result lines: each user's JSON as the API sent it, and the failed users.</summary>
public sealed class UserResultLines : RunResultLines<UserFetchOutcome>
{
    public override string Kind => RunKinds.Users;

    protected override string Key(UserFetchOutcome outcome) => outcome.UserId.ToString(CultureInfo.InvariantCulture);

    protected override string? SucceededLine(UserFetchOutcome outcome) => outcome.Succeeded ? outcome.UserJson! : null;

    protected override string FailedLine(UserFetchOutcome outcome) => Line(new FailedUser(outcome.UserId, outcome.Reason ?? "unknown", outcome.Attempts, outcome.StatusCode));

    public override string MissingLine(string item, string reason) => Line(new FailedUser(int.Parse(item, CultureInfo.InvariantCulture), reason, 0, null));
}
