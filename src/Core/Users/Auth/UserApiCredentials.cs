using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;

namespace Serverless.Core.Users.Auth;

/// <summary>
/// Puts this process's credentials (<c>UserApi:Auth</c>) on a request to the user API. They are sent only to the API this process
/// is configured for (<c>UserApi:BaseUrl</c>): a run pinned to another API (see <see cref="UserApiSettings"/>) gets no credentials
/// from here, so a run can never make a process hand its key to a host the key was not meant for.
/// </summary>
public sealed class UserApiCredentials(IOptions<UserApiOptions> options, ClientCredentialsTokens tokens)
{
    /// <summary>Which credentials went with a request (a mode, or <see cref="Withheld"/>), so a 401 can be explained.</summary>
    public static readonly HttpRequestOptionsKey<string> SentKey = new("serverless.credentials");

    /// <summary>Set on a request retried with a fresh token after a 401.</summary>
    public static readonly HttpRequestOptionsKey<bool> RefreshedKey = new("serverless.credentials.refreshed");

    public const string Withheld = "withheld";

    public UserApiAuthMode Mode => options.Value.Auth.ParsedMode ?? UserApiAuthMode.None;

    /// <returns>The access token sent, in OAuth client-credentials mode; else null.</returns>
    public async ValueTask<string?> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        UserApiOptions api = options.Value;
        UserApiAuthOptions auth = api.Auth;
        UserApiAuthMode mode = Mode;
        if (mode == UserApiAuthMode.None)
        {
            return null;
        }

        if (request.RequestUri is not { } uri || !UserApiSettings.From(api).BaseUri.IsBaseOf(uri))
        {
            request.Options.Set(SentKey, Withheld);
            return null;
        }

        request.Options.Set(SentKey, mode.ToString());
        switch (mode)
        {
            case UserApiAuthMode.ApiKey:
                request.Headers.Remove(auth.HeaderName);
                request.Headers.TryAddWithoutValidation(auth.HeaderName, auth.Secret);
                return null;
            case UserApiAuthMode.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth.Secret);
                return null;
            default:
                string token = await tokens.GetAsync(cancellationToken);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return token;
        }
    }

    public void Refused(string token) => tokens.Forget(token);
}
