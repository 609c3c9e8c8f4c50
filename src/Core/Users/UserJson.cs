using System.Globalization;
using System.Text.Json;

namespace Serverless.Core.Users;

/// <summary>
/// A 200 body as one result line: a JSON object whose <c>id</c> is the user asked for, re-written without indentation (one line
/// per user in the NDJSON results). An answer about another user, or about none, is not that user's data.
/// </summary>
public static class UserJson
{
    public static (string? Json, string? Problem) Check(ReadOnlyMemory<byte> body, int userId)
    {
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "the API answered 200 with a body that is not a JSON object");
            }

            if (!root.TryGetProperty("id", out JsonElement id))
            {
                return (null, $"the API answered 200 for user {userId} with no \"id\" in the body");
            }

            if (!IsId(id, userId))
            {
                return (null, $"the API answered 200 for user {userId} with the id {Shown(id)}");
            }

            return (JsonSerializer.Serialize(root), null);
        }
        catch (JsonException)
        {
            return (null, "the API answered 200 with a body that is not a JSON object");
        }
    }

    static bool IsId(JsonElement id, int userId) => id.ValueKind switch
    {
        JsonValueKind.Number => id.TryGetInt64(out long n) && n == userId,
        JsonValueKind.String => id.GetString() == userId.ToString(CultureInfo.InvariantCulture),
        _ => false,
    };

    static string Shown(JsonElement id)
    {
        string raw = id.GetRawText();
        return raw.Length > 40 ? raw[..40] + "…" : raw;
    }
}
