namespace Serverless.Core.Runs.Limits;

/// <summary>
/// A message to the API limiter. <c>Acquire</c>: the holder wants up to <see cref="Permits"/> (it waits for a grant of at least
/// one), and <see cref="Limit"/> is the API's cap as the holder's configuration states it. <c>Release</c>: the holder gives back
/// what it holds after its work. <c>Withdraw</c>: the holder stopped while waiting; it gets exactly one answer, the grant that
/// crossed the withdrawal or a grant of 0, and holds nothing afterwards. <c>Ban</c>: the holder met a ban; every run against the
/// API pauses <see cref="Until"/> then. <c>Deliver</c>: the limiter's note to itself that the grants it decided under the id in
/// <see cref="Holder"/> are committed to its history and may go out (see <see cref="ApiLimiterOrchestrator"/>).
/// </summary>
public sealed record PermitRequest(string Kind, string Holder, int Permits, int Limit, DateTime? Until = null)
{
    public const string Acquire = "acquire";
    public const string Release = "release";
    public const string Withdraw = "withdraw";
    public const string Ban = "ban";
    public const string Deliver = "deliver";
}
