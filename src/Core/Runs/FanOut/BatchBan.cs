namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// What a batch that met a ban hands back besides its counts: how long the ban's 403 asked us to stay away (when it said), and
/// the batch's items, by index, that have no outcome: not called, cut short, or refused by the ban. They are not failures:
/// the window runs them again after the pause.
/// </summary>
public sealed record BatchBan(TimeSpan? RetryAfter, int[] NotDone);
