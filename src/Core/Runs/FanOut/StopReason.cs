namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// Why a run or chunk stopped scheduling early, and so how the run ends: past its failure threshold or banned a second time
/// (<see cref="RunOutcome.Failed"/>), or cancelled on request with the requester's words (<see cref="RunOutcome.Cancelled"/>).
/// The payload of the stop event.
/// </summary>
public sealed record StopReason(RunOutcome Outcome, string Text)
{
    public static readonly StopReason FailureThreshold = new(RunOutcome.Failed, "failure threshold exceeded");

    public static StopReason Cancel(string text) => new(RunOutcome.Cancelled, text);

    /// <summary>The API banned the run again after the pause the first ban caused.</summary>
    public static StopReason BannedTwice(string text) => new(RunOutcome.Failed, $"the API banned us twice: {text}");
}
