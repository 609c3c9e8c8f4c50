namespace Serverless.Core.Options;

/// <summary>
/// Credentials for the user API. Section <c>UserApi:Auth</c> (env: <c>UserApi__Auth__Mode</c>, …). The secrets come from
/// configuration only (user secrets or local.settings.json locally, Key Vault references in Azure); they never enter a run's plan,
/// manifest or history, and no message or log line shows them. See docs/user-api-auth.md.
/// </summary>
public sealed class UserApiAuthOptions
{
    /// <summary>Not named Section: it is bound as UserApiOptions.Auth, not as a section of its own.</summary>
    public const string SectionPath = $"{UserApiOptions.Section}:Auth";

    public const string DefaultHeaderName = "X-Api-Key";

    /// <summary><c>None</c>, <c>ApiKey</c>, <c>Bearer</c> or <c>OAuthClientCredentials</c>. A string, so an unknown mode is refused
    /// by the validator with the setting's name rather than by the binder with a type name.</summary>
    public string Mode { get; set; } = nameof(UserApiAuthMode.None);

    /// <summary>ApiKey mode: the header carrying the key.</summary>
    public string HeaderName { get; set; } = DefaultHeaderName;

    /// <summary>ApiKey mode: the key; Bearer mode: the token.</summary>
    public string? Secret { get; set; }

    /// <summary>OAuthClientCredentials mode: the token endpoint (same URL policy as <c>UserApi:BaseUrl</c>).</summary>
    public string? TokenUrl { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Optional space-separated scopes asked for with the token.</summary>
    public string? Scope { get; set; }

    /// <summary>The mode, or null when <see cref="Mode"/> names none (the validator refuses that at start-up).</summary>
    public UserApiAuthMode? ParsedMode =>
        string.IsNullOrWhiteSpace(Mode) ? UserApiAuthMode.None
        : Enum.TryParse(Mode.Trim(), ignoreCase: true, out UserApiAuthMode mode) && Enum.IsDefined(mode) && !int.TryParse(Mode, out _) ? mode
        : null;

    public static string Key(string name) => $"{SectionPath}:{name}";
}
