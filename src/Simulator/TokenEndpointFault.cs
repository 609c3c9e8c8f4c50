namespace Serverless.Simulator;

/// <summary>How the simulator's token endpoint misbehaves, so clients can be tested against a broken identity provider.</summary>
public enum TokenEndpointFault
{
    /// <summary>Answers as RFC 6749 says.</summary>
    None,

    /// <summary>500 to every token request.</summary>
    ServerError,

    /// <summary>200 with a body that is not JSON.</summary>
    BadJson,

    /// <summary>200 with a well-formed token the API then refuses (401), as a token for the wrong audience or scope is.</summary>
    RefusedToken,
}
