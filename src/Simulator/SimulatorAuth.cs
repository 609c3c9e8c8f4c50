using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Serverless.Simulator;

/// <summary>
/// The simulator's optional credentials: an API key in a header, a fixed bearer token, and OAuth2 client credentials with a
/// token endpoint (<c>POST /oauth/token</c>) issuing tokens that expire. With none configured every request is let in; with any,
/// a request needs one valid credential or gets 401. Secrets are compared in constant time and never echoed.
/// </summary>
internal sealed class SimulatorAuth
{
    public const string TokenPath = "/oauth/token";

    private readonly string? _apiKey;
    private readonly string _apiKeyHeader;
    private readonly string? _bearerToken;
    private readonly string? _clientId;
    private readonly string? _clientSecret;
    private readonly TimeSpan _tokenLifetime;
    private readonly SimulatorCounters _counters;
    private readonly ConcurrentDictionary<string, long> _tokens = new(StringComparer.Ordinal);
    private int _fault;

    public SimulatorAuth(SimulatorOptions options, SimulatorCounters counters)
    {
        _apiKey = options.ApiKey;
        _apiKeyHeader = options.ApiKeyHeader;
        _bearerToken = options.BearerToken;
        _clientId = options.ClientId;
        _clientSecret = options.ClientSecret;
        _tokenLifetime = options.TokenLifetime;
        _fault = (int)options.TokenEndpointFault;
        _counters = counters;
    }

    public bool Required => _apiKey is not null || _bearerToken is not null || _clientId is not null;

    public bool IsAuthorized(HttpRequest request)
    {
        if (!Required)
        {
            return true;
        }

        if (_apiKey is not null && request.Headers.TryGetValue(_apiKeyHeader, out var key) && Same(key.ToString(), _apiKey))
        {
            return true;
        }

        string authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string token = authorization["Bearer ".Length..].Trim();
        if (_bearerToken is not null && Same(token, _bearerToken))
        {
            return true;
        }

        return _tokens.TryGetValue(token, out long expires) && Stopwatch.GetTimestamp() < expires;
    }

    /// <summary>Every issued token stops working at once, as when an identity provider rotates its keys.</summary>
    public void RevokeTokens() => _tokens.Clear();

    public void SetTokenEndpointFault(TokenEndpointFault fault) => Volatile.Write(ref _fault, (int)fault);

    /// <summary>RFC 6749 §4.4: client authenticated by HTTP Basic or by client_id/client_secret in the form.</summary>
    public async Task IssueTokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _counters.TokenRequests);
        switch ((TokenEndpointFault)Volatile.Read(ref _fault))
        {
            case TokenEndpointFault.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync("token service unavailable");
                return;
            case TokenEndpointFault.BadJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"access_token\": <html>oops");
                return;
        }

        IFormCollection form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted)
            : FormCollection.Empty;
        if (form["grant_type"].ToString() != "client_credentials")
        {
            await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_grant_type");
            return;
        }

        (string? id, string? secret) = Client(context.Request, form);
        if (_clientId is null || id is null || secret is null || !Same(id, _clientId) || !Same(secret, _clientSecret!))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"simulator\"";
            await OAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client");
            return;
        }

        string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        if ((TokenEndpointFault)Volatile.Read(ref _fault) != TokenEndpointFault.RefusedToken)
        {
            _tokens[token] = Stopwatch.GetTimestamp() + (long)(_tokenLifetime.TotalSeconds * Stopwatch.Frequency);
        }

        Interlocked.Increment(ref _counters.TokensIssued);
        context.Response.Headers.CacheControl = "no-store";
        await JsonBody.WriteAsync(
            context,
            new TokenIssued(token, "Bearer", (int)Math.Ceiling(_tokenLifetime.TotalSeconds)),
            SimulatorJsonContext.Default.TokenIssued);
    }

    private static (string? Id, string? Secret) Client(HttpRequest request, IFormCollection form)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                string pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                int colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0
                    ? (null, null)
                    : (Uri.UnescapeDataString(pair[..colon].Replace('+', ' ')), Uri.UnescapeDataString(pair[(colon + 1)..].Replace('+', ' ')));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault());
    }

    private static Task OAuthErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{{\"error\":\"{error}\"}}"));
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
