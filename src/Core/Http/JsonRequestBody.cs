using System.Text.Json;

namespace Serverless.Core.Http;

/// <summary>What every JSON request body gets before its own parser reads it: a UTF-8 BOM skipped, unknown fields refused.</summary>
public static class JsonRequestBody
{
    const int MaxNameShown = 60;

    /// <summary>The body without a leading UTF-8 byte order mark, which some editors and Windows tools write and JSON parsers refuse.</summary>
    public static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body;

    /// <summary>
    /// The first field of <paramref name="root"/> (an object) that is not one of <paramref name="known"/>, as an error naming it:
    /// a misspelt setting (<c>batchsize</c>) would otherwise be ignored and the run started with the default.
    /// </summary>
    public static FieldError? UnknownField(JsonElement root, IReadOnlyList<string> known)
    {
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                string name = property.Name.Length > MaxNameShown ? property.Name[..MaxNameShown] + "…" : property.Name;
                return new FieldError(name, $"Unknown field '{name}'; this request takes {string.Join(", ", known)}.");
            }
        }

        return null;
    }
}
