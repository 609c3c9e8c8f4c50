using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Docs;

/// <summary>The README is what a newcomer reads first: short, and opening with the commands that do everything.</summary>
public sealed class ReadmeTests
{
    static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));

    [Fact]
    public void The_readme_is_at_most_300_lines() =>
        Assert.True(Lines.Length <= 300, $"README.md has {Lines.Length} lines; move detail to docs/");

    [Fact]
    public void The_readme_opens_with_the_main_job_and_the_test_command_that_CI_runs()
    {
        string[] firstBlock = [.. Lines.SkipWhile(line => line != "```bash").Skip(1).TakeWhile(line => line != "```")];
        Assert.StartsWith("scripts/run.sh ", firstBlock[0]);
        Assert.StartsWith("scripts/test.sh ", firstBlock[1]);
        Assert.True(Array.IndexOf(Lines, "```bash") < 5, "the commands come first");

        string ci = File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "run"));
        Assert.Contains("exec scripts/test.sh", ci);
    }

    [Fact]
    public void The_readme_acknowledges_the_Inspec_data() =>
        Assert.Contains(Lines, line => line.Contains("Data from the Inspec Database kindly supplied by The IET.", StringComparison.Ordinal));
}
