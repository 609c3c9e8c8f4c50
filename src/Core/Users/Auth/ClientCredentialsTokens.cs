using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;

namespace Serverless.Core.Users.Auth;

/// <summary>
/// The OAuth2 client-credentials token of this process, one for all its activities: fetched when first needed, kept until shortly
/// before it expires (<c>expires_in</c>) or until the API refuses it, then fetched again. Callers arriving during a fetch wait for
/// it, and share its failure too, so a token endpoint that is down sees one request per wave of callers, not one per user.
/// The client authenticates with HTTP Basic (RFC 6749 §2.3.1: the method every server must support, <c>client_secret_basic</c>).
/// </summary>
public sealed class ClientCredentialsTokens(
    IHttpClientFactory clients, IOptions<UserApiOptions> options, TimeProvider time, ILogger<ClientCredentialsTokens> log) : IDisposable
{
    public const string HttpClientName = "user-api-token";

    /// <summary>A token response is a few hundred bytes; anything far larger is not one.</summary>
    const int MaxBodyBytes = 64 * 1024;

    readonly SemaphoreSlim gate = new(1, 1);
    AccessToken? current;
    (DateTimeOffset At, string Message)? lastFailure;
    long fetches;

    /// <summary>Token requests this process has made (successful or not).</summary>
    public long Fetches => Interlocked.Read(ref fetches);

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref current) is { } token && token.IsFresh(time.GetUtcNow()))
        {
            return token.Value;
        }

        DateTimeOffset asked = time.GetUtcNow();
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref current) is { } fetched && fetched.IsFresh(time.GetUtcNow()))
            {
                return fetched.Value;
            }

            if (lastFailure is { } failed && failed.At >= asked)
            {
                throw new AccessTokenException(failed.Message);
            }

            try
            {
                AccessToken fresh = await FetchAsync(cancellationToken);
                Volatile.Write(ref current, fresh);
                lastFailure = null;
                return fresh.Value;
            }
            catch (AccessTokenException e)
            {
                lastFailure = (time.GetUtcNow(), e.Message);
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The API refused <paramref name="token"/>: the next caller fetches a new one (unless someone already did).</summary>
    public void Forget(string token)
    {
        AccessToken? seen = Volatile.Read(ref current);
        if (seen?.Value == token)
        {
            Interlocked.CompareExchange(ref current, null, seen);
        }
    }

    public void Dispose() => gate.Dispose();

    async Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        UserApiOptions api = options.Value;
        UserApiAuthOptions auth = api.Auth;
        string endpoint = UserApiFailures.ShownUrl(auth.TokenUrl ?? "");
        string setting = UserApiAuthOptions.Key(nameof(UserApiAuthOptions.TokenUrl));
        Interlocked.Increment(ref fetches);
        DateTimeOffset requestedAt = time.GetUtcNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(api.AttemptTimeout);
        try
        {
            using HttpRequestMessage request = Request(auth);
            using HttpResponseMessage response = await clients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new AccessTokenException($"the token endpoint {endpoint} ({setting}) answered HTTP {(int)response.StatusCode}" +
                    (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
                        ? " (are ClientId, ClientSecret and Scope right?)" : ""));
            }

            byte[] body = await ResponseBody.ReadAsync(response.Content, MaxBodyBytes, timeout.Token);
            (string? token, TimeSpan? expiresIn, string? problem) = TokenResponse.Parse(body);
            if (token is null)
            {
                throw new AccessTokenException($"the token endpoint {endpoint} ({setting}) answered {problem}");
            }

            log.LogInformation(
                "Got a user API access token from {TokenEndpoint}, valid for {Lifetime}", endpoint, expiresIn?.ToString() ?? "an unstated time");
            return AccessToken.Create(token, expiresIn, requestedAt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AccessTokenException(
                $"the token endpoint {endpoint} ({setting}) did not answer within {api.AttemptTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ResponseTooLargeException)
        {
            throw new AccessTokenException($"the token endpoint {endpoint} ({setting}) could not be read: {e.Message}", e);
        }
    }

    static HttpRequestMessage Request(UserApiAuthOptions auth)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (!string.IsNullOrWhiteSpace(auth.Scope))
        {
            form.Add(new("scope", auth.Scope.Trim()));
        }

        // §2.3.1: id and secret are form-encoded before they are joined, so a ':' in either survives.
        string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{WebUtility.UrlEncode(auth.ClientId)}:{WebUtility.UrlEncode(auth.ClientSecret)}"));
        var request = new HttpRequestMessage(HttpMethod.Post, auth.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new("Basic", basic);
        request.Headers.Accept.Add(new("application/json"));
        return request;
    }
}
