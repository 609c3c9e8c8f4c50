using Microsoft.Extensions.Options;
using Serverless.Core.Users;

namespace Serverless.Core.Options;

/// <summary>
/// Refuses to start with credentials the client could not send: an unknown mode, a missing secret, client id or token URL, a token
/// URL outside <see cref="ApiUrlPolicy"/>. Each failure names the setting to fix and never shows a secret's value.
/// </summary>
public sealed class UserApiAuthValidator : IValidateOptions<UserApiOptions>
{
    const int MaxShownModeChars = 40;

    public ValidateOptionsResult Validate(string? name, UserApiOptions options)
    {
        UserApiAuthOptions auth = options.Auth;
        var failures = new List<string>();
        switch (auth.ParsedMode)
        {
            case null:
                string shown = auth.Mode.Length > MaxShownModeChars ? auth.Mode[..MaxShownModeChars] + "…" : auth.Mode;
                failures.Add($"{UserApiAuthOptions.Key(nameof(auth.Mode))} '{shown}' is not a known mode; use " +
                    string.Join(", ", Enum.GetNames<UserApiAuthMode>()));
                break;
            case UserApiAuthMode.ApiKey:
                RequireSecret(failures, nameof(auth.Secret), auth.Secret, "the API key");
                if (!IsHeaderName(auth.HeaderName))
                {
                    failures.Add($"{UserApiAuthOptions.Key(nameof(auth.HeaderName))} is not a valid HTTP header name");
                }

                break;
            case UserApiAuthMode.Bearer:
                RequireSecret(failures, nameof(auth.Secret), auth.Secret, "the bearer token");
                break;
            case UserApiAuthMode.OAuthClientCredentials:
                if (string.IsNullOrWhiteSpace(auth.TokenUrl))
                {
                    failures.Add($"{UserApiAuthOptions.Key(nameof(auth.TokenUrl))} is required in OAuthClientCredentials mode");
                }
                else if (ApiUrlPolicy.For(options).CheckBaseUrl(auth.TokenUrl) is { } why)
                {
                    failures.Add($"{UserApiAuthOptions.Key(nameof(auth.TokenUrl))} '{UserApiFailures.ShownUrl(auth.TokenUrl)}' {why}");
                }

                RequireSecret(failures, nameof(auth.ClientId), auth.ClientId, "the OAuth client id");
                RequireSecret(failures, nameof(auth.ClientSecret), auth.ClientSecret, "the OAuth client secret");
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => f + "."));
    }

    /// <summary>Present and free of control characters (a line break in a header value would split the request).</summary>
    static void RequireSecret(List<string> failures, string setting, string? value, string what)
    {
        string mode = UserApiAuthOptions.Key(nameof(UserApiAuthOptions.Mode));
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{UserApiAuthOptions.Key(setting)} ({what}) is required by {mode}; set it in user secrets, " +
                "local.settings.json or a Key Vault reference");
        }
        else if (value.Any(char.IsControl) || value != value.Trim())
        {
            failures.Add($"{UserApiAuthOptions.Key(setting)} ({what}) holds a control character or surrounding whitespace");
        }
    }

    static bool IsHeaderName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            using var probe = new HttpRequestMessage();
            return probe.Headers.TryAddWithoutValidation(name, "x") && !name.Equals("Host", StringComparison.OrdinalIgnoreCase);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
