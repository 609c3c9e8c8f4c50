using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Deployment;

/// <summary>The Bicep CLI that tools/Bicep/Bicep.proj downloads into the NuGet package folder.</summary>
public static class BicepCli
{
    public const string Version = "0.49.2";

    public static string Path { get; } = System.IO.Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "azure.bicep.commandline.linux-x64", Version, "tools", "bicep");

    public static string MainTemplate { get; } = System.IO.Path.Combine(Infrastructure.RepoPaths.Root, "infra", "bicep", "main.bicep");
}

/// <summary>A fact that runs the Bicep CLI; skipped, with the reason, when the package has not been restored,
/// except in CI.</summary>
public sealed class BicepFactAttribute : FactAttribute
{
    public BicepFactAttribute()
    {
        Skip = Prerequisite.SkipUnlessCi(File.Exists(BicepCli.Path)
            ? null
            : $"Bicep CLI not found at {BicepCli.Path}; run `dotnet restore tools/Bicep/Bicep.proj` (scripts/bicep-check.sh does).");
    }
}
