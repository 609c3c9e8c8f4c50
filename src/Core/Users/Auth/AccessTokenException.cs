namespace Serverless.Core.Users.Auth;

/// <summary>
/// No access token could be had from the token endpoint. Not an <see cref="HttpRequestException"/> on purpose: the user API's retry
/// and circuit breaker must not count a token endpoint's failure as the API's. The message names the endpoint (shown without query)
/// and what it did; never the client secret or a token.
/// </summary>
public sealed class AccessTokenException(string message, Exception? inner = null) : Exception(message, inner);
