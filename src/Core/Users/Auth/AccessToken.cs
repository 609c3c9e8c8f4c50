namespace Serverless.Core.Users.Auth;

/// <summary>A token from the token endpoint and when to stop using it (null: until the API refuses it).</summary>
public sealed record AccessToken(string Value, DateTimeOffset? RefreshAt)
{
    /// <summary>The longest a token is refreshed ahead of its expiry, so a request sent just before does not arrive just after.</summary>
    static readonly TimeSpan MaxMargin = TimeSpan.FromSeconds(60);

    public bool IsFresh(DateTimeOffset now) => RefreshAt is not { } at || now < at;

    /// <param name="requestedAt">When the request for it left: its lifetime counts from the endpoint's clock, not from our reading.</param>
    public static AccessToken Create(string value, TimeSpan? expiresIn, DateTimeOffset requestedAt)
    {
        if (expiresIn is not { } lifetime)
        {
            return new AccessToken(value, null);
        }

        TimeSpan margin = TimeSpan.FromTicks(Math.Min(MaxMargin.Ticks, lifetime.Ticks / 5));
        return new AccessToken(value, requestedAt + lifetime - margin);
    }
}
