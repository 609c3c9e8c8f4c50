namespace Serverless.Core.Options;

/// <summary>How the client proves who it is to the user API (<c>UserApi:Auth:Mode</c>).</summary>
public enum UserApiAuthMode
{
    /// <summary>No credentials (the simulator's default).</summary>
    None,

    /// <summary>A fixed key in a header (<c>UserApi:Auth:HeaderName</c>, default <c>X-Api-Key</c>).</summary>
    ApiKey,

    /// <summary>A fixed token as <c>Authorization: Bearer</c>.</summary>
    Bearer,

    /// <summary>An OAuth2 client-credentials token from <c>UserApi:Auth:TokenUrl</c>, sent as <c>Authorization: Bearer</c>.</summary>
    OAuthClientCredentials,
}
