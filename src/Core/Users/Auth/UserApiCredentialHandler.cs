using System.Net;

namespace Serverless.Core.Users.Auth;

/// <summary>
/// Inside the client's resilience pipeline, so every attempt carries the credentials. In client-credentials mode a 401 means the token
/// went stale early (revoked, clock skew): the handler forgets it and tries once more with a fresh one; a second 401 is final.
/// </summary>
public sealed class UserApiCredentialHandler(UserApiCredentials credentials) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? token = await credentials.ApplyAsync(request, cancellationToken);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        if (token is null || response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        credentials.Refused(token);
        await credentials.ApplyAsync(request, cancellationToken);
        request.Options.Set(UserApiCredentials.RefreshedKey, true);
        return await base.SendAsync(request, cancellationToken);
    }
}
