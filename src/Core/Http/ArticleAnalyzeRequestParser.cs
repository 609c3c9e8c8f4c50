using System.Text.Json;

namespace Serverless.Core.Http;

/// <summary>
/// Validates the body of <c>POST /api/articles/analyze</c>: <c>{"prefix":"papers/2026/"}</c> or <c>{"blobNames":["a.txt",…]}</c>.
/// Names are only checked for shape here; a name with path tricks is accepted and then recorded as a failed article. The run
/// settings of <see cref="RunSettingsParser"/> may come with them; any other field is refused.
/// </summary>
public static class ArticleAnalyzeRequestParser
{
    public static IReadOnlyList<string> Fields { get; } = ["prefix", "blobNames", .. RunSettingsParser.Fields];

    public sealed record Result(string? Prefix, IReadOnlyList<string>? BlobNames, FieldError? Error);

    public static Result Parse(ReadOnlyMemory<byte> body, int maxArticles)
    {
        body = JsonRequestBody.WithoutBom(body);
        if (body.IsEmpty || body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Fail("body", "The request body is empty; send {\"prefix\":\"papers/2026/\"} or {\"blobNames\":[\"a.txt\"]}.");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("body", "The request body must be a JSON object.");
            }

            if (JsonRequestBody.UnknownField(root, Fields) is { } unknown)
            {
                return new Result(null, null, unknown);
            }

            bool hasPrefix = root.TryGetProperty("prefix", out JsonElement prefix);
            bool hasNames = root.TryGetProperty("blobNames", out JsonElement names);
            return (hasPrefix, hasNames) switch
            {
                (true, true) => Fail("prefix", "Give either prefix or blobNames, not both."),
                (true, false) => prefix.ValueKind == JsonValueKind.String
                    ? new Result(prefix.GetString()!, null, null)
                    : Fail("prefix", "prefix must be a string, e.g. \"papers/2026/\" (\"\" for the whole container)."),
                (false, true) => ParseNames(names, maxArticles),
                _ => Fail("prefix", "No articles requested: give prefix or blobNames."),
            };
        }
        catch (JsonException e)
        {
            return Fail("body", $"The request body is not valid JSON: {e.Message}");
        }
    }

    static Result ParseNames(JsonElement names, int max)
    {
        if (names.ValueKind != JsonValueKind.Array || names.GetArrayLength() == 0)
        {
            return Fail("blobNames", "blobNames must be a non-empty array of blob names.");
        }

        var unique = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (JsonElement name in names.EnumerateArray())
        {
            if (name.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(name.GetString()))
            {
                return Fail($"blobNames[{index}]", "Each blob name must be a non-empty string.");
            }

            if (seen.Add(name.GetString()!))
            {
                unique.Add(name.GetString()!);
            }

            index++;
        }

        return unique.Count > max
            ? Fail("blobNames", $"At most {max} articles per run (Articles:MaxArticlesPerRun).")
            : new Result(null, unique, null);
    }

    static Result Fail(string field, string message) => new(null, null, new FieldError(field, message));
}
