namespace Serverless.Tests.Infrastructure;

/// <summary>
/// What a test's missing prerequisite does to it: a skip with the reason on a developer's machine, but in CI (CI=true) the test
/// runs and fails, so a CI machine that lost a tool cannot go green without the tests that need it.
/// </summary>
public static class Prerequisite
{
    public static bool InCi { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The skip reason for a test whose prerequisite is missing (<paramref name="missing"/> non-null), or null in CI.</summary>
    public static string? SkipUnlessCi(string? missing) => InCi ? null : missing;
}
