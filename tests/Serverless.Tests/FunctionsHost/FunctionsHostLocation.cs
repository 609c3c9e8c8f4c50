namespace Serverless.Tests.FunctionsHost;

/// <summary>Where a Functions host comes from: Core Tools' <c>func</c> on PATH, else the host build next to the repo (FUNCTIONS_HOST_DIR).</summary>
public static class FunctionsHostLocation
{
    public const string HostDll = "Microsoft.Azure.WebJobs.Script.WebHost.dll";

    /// <summary>The path of <c>func</c> when it is on PATH.</summary>
    public static string? Func { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "func"))
        .FirstOrDefault(File.Exists);

    /// <summary>The bundled host's folder (holding its WebHost dll), when present.</summary>
    public static string? HostDirectory { get; } = FindHostDirectory();

    public static string App => Path.Combine(Infrastructure.RepoPaths.Root, "src", "Functions", "bin", "Release", "net10.0");

    public static string? Missing => Func is null && HostDirectory is null
        ? $"No Functions host: neither `func` (Core Tools) on PATH nor {HostDll} in FUNCTIONS_HOST_DIR or ../shared/functions-host/bin."
        : null;

    static string? FindHostDirectory()
    {
        string dir = Environment.GetEnvironmentVariable("FUNCTIONS_HOST_DIR") is { Length: > 0 } set
            ? set
            : Path.Combine(Infrastructure.RepoPaths.Root, "..", "shared", "functions-host", "bin");
        return File.Exists(Path.Combine(dir, HostDll)) ? Path.GetFullPath(dir) : null;
    }
}
