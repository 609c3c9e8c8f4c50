namespace Serverless.Core.Terminology;

/// <summary>Whitespace clean-up shared by surface forms and model input.</summary>
public static class TextNormalizer
{
    /// <summary>Trims and replaces every run of whitespace (line wraps, tabs) with one space.</summary>
    public static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
