namespace Serverless.Simulator;

// Small wire messages of the simulator besides the user document and the stats.

/// <summary>Body of a refusal, so a client logging the body sees why it was refused.</summary>
public sealed record SimulatorError(string Error, int? RetryAfterSeconds);

/// <summary>Answer of <c>GET /stats/hits/{id}</c>.</summary>
public sealed record IdHits(int Id, int Ok);

/// <summary>Answer of <c>POST /admin/limit/{n}</c>.</summary>
public sealed record LimitChanged(int ConcurrencyLimit);

/// <summary>Answer of <c>POST /oauth/token</c> (RFC 6749 §5.1).</summary>
public sealed record TokenIssued(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);
