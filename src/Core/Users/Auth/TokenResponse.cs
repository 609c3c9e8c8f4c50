using System.Globalization;
using System.Text.Json;

namespace Serverless.Core.Users.Auth;

/// <summary>
/// Reads an OAuth2 token response (RFC 6749 §5.1): <c>access_token</c>, <c>token_type</c> Bearer, optional <c>expires_in</c>.
/// Problems are worded without the body, which may hold a token.
/// </summary>
public static class TokenResponse
{
    /// <returns>The token and its lifetime, or a problem (never both).</returns>
    public static (string? Token, TimeSpan? ExpiresIn, string? Problem) Parse(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, null, "a body that is not JSON");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("access_token", out JsonElement token)
                || token.ValueKind != JsonValueKind.String
                || token.GetString() is not { Length: > 0 } value)
            {
                return (null, null, "JSON without an access_token");
            }

            if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                return (null, null, "an access_token that cannot be sent in a header");
            }

            if (root.TryGetProperty("token_type", out JsonElement type)
                && !string.Equals(type.ValueKind == JsonValueKind.String ? type.GetString() : null, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return (null, null, "a token_type other than Bearer");
            }

            if (!root.TryGetProperty("expires_in", out JsonElement expires) || expires.ValueKind == JsonValueKind.Null)
            {
                return (value, null, null);
            }

            double? seconds = expires.ValueKind switch
            {
                JsonValueKind.Number when expires.TryGetDouble(out double n) => n,
                // Some servers send it as a string.
                JsonValueKind.String when double.TryParse(expires.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double n) => n,
                _ => null,
            };
            return seconds is > 0 and < 366 * 24 * 3600
                ? (value, TimeSpan.FromSeconds(seconds.Value), null)
                : (null, null, "an expires_in that is not a positive number of seconds");
        }
    }
}
