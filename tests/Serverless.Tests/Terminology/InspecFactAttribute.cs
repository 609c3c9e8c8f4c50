using Xunit;

namespace Serverless.Tests.Terminology;

/// <summary>
/// A fact that needs the Inspec benchmark zips. It is reported as skipped, with the reason, when they are
/// not on this machine (they are never committed). Set INSPEC_DIR to point at them; otherwise the
/// shared/data/inspec folder beside the repository is used.
/// </summary>
public sealed class InspecFactAttribute : FactAttribute
{
    public InspecFactAttribute(string zipName = "Validation.zip")
    {
        if (InspecData.Find(zipName) is null)
        {
            Skip = $"Inspec data not found ({zipName}); set INSPEC_DIR or provide shared/data/inspec beside the repository.";
        }
    }
}

internal static class InspecData
{
    public static string? Find(string zipName)
    {
        if (Environment.GetEnvironmentVariable("INSPEC_DIR") is { Length: > 0 } configured)
        {
            var path = Path.Combine(configured, zipName);
            return File.Exists(path) ? path : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "shared", "data", "inspec", zipName);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
