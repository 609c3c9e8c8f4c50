using System.Globalization;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// How long a run pauses after a ban: the 403's Retry-After, or the run's configured cooldown when it named none. The cooldown
/// travels in the plan's caps, so a replay and a resumed run pause alike, and the manifest records it.
/// </summary>
public static class BanPause
{
    public const string CooldownCap = "UserFetch:BanCooldown";

    /// <summary>A Retry-After past this (an API may say anything) is taken as this.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>
    /// Added to a pause's end when its timer fired before it: a storage queue's visibility delay is whole seconds, so a durable
    /// timer may fire up to a second early.
    /// </summary>
    public static readonly TimeSpan TimerGrace = TimeSpan.FromSeconds(1);

    static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);
    static readonly TimeSpan DefaultCooldown = TimeSpan.FromSeconds(60);

    public static TimeSpan For(RunPlan plan, TimeSpan? retryAfter)
    {
        if (retryAfter is { } after)
        {
            return after < Shortest ? Shortest : after > Longest ? Longest : after;
        }

        return plan.Caps.TryGetValue(CooldownCap, out string? text) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan cooldown)
            ? cooldown
            : DefaultCooldown;
    }
}
