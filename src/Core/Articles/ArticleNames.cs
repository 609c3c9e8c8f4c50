namespace Serverless.Core.Articles;

/// <summary>
/// Blob names we accept as articles. Blob Storage itself allows nearly anything, but a name that looks like a path
/// escape (<c>..</c>, a leading slash, backslashes, control characters) is refused with a reason, never followed.
/// </summary>
public static class ArticleNames
{
    public const int MaxLength = 1024;

    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "the article name is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"the article name is longer than {MaxLength} characters";
        }

        if (name.Any(char.IsControl))
        {
            return "the article name contains control characters";
        }

        if (name.StartsWith('/') || name.Contains('\\') || name.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return $"the article name '{name}' has path tricks (leading '/', '\\', empty, '.' or '..' segments)";
        }

        return null;
    }
}
