using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Runs;

/// <summary>What a command cannot do is said in one line on stderr with a non-zero exit code, never with a stack trace.</summary>
public sealed class CommandFailureTests
{
    [Theory]
    [InlineData("runs wait nope", 1, "No run with id 'nope'")]
    [InlineData("runs show nope", 1, "No instance nope")]
    [InlineData("runs cancel nope", 1, "No run with id 'nope'")]
    [InlineData("users --count 2 --api http://169.254.169.254", 2, "'169.254.169.254'; https is required")]
    [InlineData("users --count 2 --api https://169.254.169.254", 2, "a link-local address")]
    [InlineData("users --count 2 --api file:///etc/passwd", 2, "has scheme 'file'")]
    [InlineData("runs list --storage nonsense", 2, "is not a storage connection string")]
    [InlineData("users --count 2 --storage AccountName=x;AccountKey=not-a-key", 2, "is not a storage connection string")]
    public async Task A_known_failure_is_one_line_and_a_non_zero_exit(string command, int exitCode, string expected)
    {
        Azurite.EnsureRunning();
        using RunnerProcess runner = RunnerProcess.Start([.. command.Split(' '), "--task-hub", Azurite.NewTaskHub("f")]);
        List<string> stdout = await runner.ReadAllLinesAsync(TimeSpan.FromSeconds(120));
        int code = await runner.WaitForExitAsync(TimeSpan.FromSeconds(30));

        string line = Assert.Single(runner.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(exitCode, code);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("Unhandled exception", line);
        // The connection string's key never reaches the terminal.
        Assert.DoesNotContain("not-a-key", line);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task A_refused_API_URL_is_reported_without_the_password_it_carries()
    {
        using RunnerProcess runner = RunnerProcess.Start("users", "--count", "2", "--api", "https://operator:hunter2@127.0.0.1:1");
        await runner.ReadAllLinesAsync(TimeSpan.FromSeconds(120));
        int code = await runner.WaitForExitAsync(TimeSpan.FromSeconds(30));

        string line = Assert.Single(runner.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, code);
        Assert.Contains("must not carry credentials", line);
        Assert.DoesNotContain("hunter2", line);
    }
}
