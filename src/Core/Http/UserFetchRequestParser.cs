using System.Text.Json;

namespace Serverless.Core.Http;

/// <summary>
/// Validates the body of <c>POST /api/users/fetch</c>: either <c>{"userIds":[…]}</c> or <c>{"from":1,"count":50}</c>.
/// Ids must be positive 32-bit integers; duplicates are dropped, first occurrence kept. The run settings of
/// <see cref="RunSettingsParser"/> may come with them; any other field is refused.
/// </summary>
public static class UserFetchRequestParser
{
    public static IReadOnlyList<string> Fields { get; } = ["userIds", "from", "count", .. RunSettingsParser.Fields];

    public sealed record Result(IReadOnlyList<int>? UserIds, FieldError? Error);

    public static Result Parse(ReadOnlyMemory<byte> body, int maxUsersPerRun)
    {
        body = JsonRequestBody.WithoutBom(body);
        if (body.IsEmpty || body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Fail("body", "The request body is empty; send {\"userIds\":[1,2,3]} or {\"from\":1,\"count\":50}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Fail("body", $"The request body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("body", "The request body must be a JSON object.");
            }

            if (JsonRequestBody.UnknownField(root, Fields) is { } unknown)
            {
                return new Result(null, unknown);
            }

            bool hasIds = root.TryGetProperty("userIds", out JsonElement ids);
            bool hasFrom = root.TryGetProperty("from", out JsonElement from);
            bool hasCount = root.TryGetProperty("count", out JsonElement count);
            return (hasIds, hasFrom || hasCount) switch
            {
                (true, true) => Fail("userIds", "Give either userIds or from/count, not both."),
                (true, false) => ParseIds(ids, maxUsersPerRun),
                (false, true) => ParseRange(hasFrom ? from : null, hasCount ? count : null, maxUsersPerRun),
                _ => Fail("userIds", "No users requested: give userIds (an array of positive integers) or from and count."),
            };
        }
    }

    static Result ParseIds(JsonElement ids, int max)
    {
        if (ids.ValueKind != JsonValueKind.Array)
        {
            return Fail("userIds", $"userIds must be an array of positive integers, not {Describe(ids)}.");
        }

        int length = ids.GetArrayLength();
        if (length == 0)
        {
            return Fail("userIds", "userIds is empty: give at least one id.");
        }

        var seen = new HashSet<int>();
        var unique = new List<int>(Math.Min(length, max));
        int index = 0;
        foreach (JsonElement id in ids.EnumerateArray())
        {
            string field = $"userIds[{index++}]";
            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out int value))
            {
                return Fail(field, $"Each id must be an integer between 1 and {int.MaxValue}, not {Describe(id)}.");
            }

            if (value <= 0)
            {
                return Fail(field, $"Ids must be positive; got {value}.");
            }

            if (seen.Add(value))
            {
                unique.Add(value);
                if (unique.Count > max)
                {
                    return Fail("userIds", $"At most {max} distinct users per run (UserFetch:MaxUsersPerRun); this request has more.");
                }
            }
        }

        return new Result(unique, null);
    }

    static Result ParseRange(JsonElement? from, JsonElement? count, int max)
    {
        if (from is not { } f)
        {
            return Fail("from", "from is missing: give the first id of the range.");
        }

        if (count is not { } c)
        {
            return Fail("count", "count is missing: give how many consecutive ids to fetch.");
        }

        if (f.ValueKind != JsonValueKind.Number || !f.TryGetInt64(out long first))
        {
            return Fail("from", $"from must be an integer between 1 and {int.MaxValue}, not {Describe(f)}.");
        }

        if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt64(out long n))
        {
            return Fail("count", $"count must be a positive integer, not {Describe(c)}.");
        }

        return FromRange(first, n, max);
    }

    /// <summary>The ids <paramref name="first"/> … <paramref name="first"/>+<paramref name="count"/>−1, or why not.</summary>
    public static Result FromRange(long first, long count, int max)
    {
        if (first <= 0 || first > int.MaxValue)
        {
            return Fail("from", $"from must be an integer between 1 and {int.MaxValue}; got {first}.");
        }

        if (count <= 0)
        {
            return Fail("count", $"count must be a positive integer; got {count}.");
        }

        if (count > max)
        {
            return Fail("count", $"At most {max} users per run (UserFetch:MaxUsersPerRun); count is {count}.");
        }

        if (first + count - 1 > int.MaxValue)
        {
            return Fail("count", $"The range from {first} with count {count} goes past the largest id ({int.MaxValue}).");
        }

        return new Result(Enumerable.Range((int)first, (int)count).ToArray(), null);
    }

    static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(e.GetString())}\"",
        JsonValueKind.Number => $"the number {Truncate(e.GetRawText())}",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {e.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString(),
    };

    static string Truncate(string? s) => s is { Length: > 40 } ? s[..40] + "…" : s ?? "";

    static Result Fail(string field, string message) => new(null, new FieldError(field, message));
}
