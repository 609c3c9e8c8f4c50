using Serverless.Tests.Deployment;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Docs;

/// <summary><c>scripts/bench.sh --update-docs</c> writes its table into docs/benchmarks.md, between the bench markers.</summary>
public sealed class BenchTableTests : IDisposable
{
    const string Start = "<!-- bench:start -->";
    const string End = "<!-- bench:end -->";

    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("bench-docs-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void The_bench_table_is_in_docs_benchmarks_and_not_in_the_readme()
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        string benchmarks = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "benchmarks.md"));

        Assert.DoesNotContain(Start, readme);
        Assert.Equal(2, benchmarks.Split(Start).Length);
        Assert.Equal(2, benchmarks.Split(End).Length);
    }

    [Fact]
    public async Task Updating_the_docs_replaces_the_table_and_nothing_else()
    {
        string doc = Path.Combine(folder.FullName, "benchmarks.md");
        File.Copy(Path.Combine(RepoPaths.Root, "docs", "benchmarks.md"), doc);
        string before = File.ReadAllText(doc);

        ScriptRun update = await ScriptRun.RunAsync("python3", "-c",
            "import sys, pathlib; sys.path.insert(0, 'bench'); import bench; "
            + "bench.update_docs('| measure |\\n|---|\\n| new figure |\\n', pathlib.Path(sys.argv[1]))", doc);

        Assert.True(update.ExitCode == 0, update.Output);
        string after = File.ReadAllText(doc);
        Assert.Equal("\n| measure |\n|---|\n| new figure |\n", after.Split(Start)[1].Split(End)[0]);
        Assert.Equal(before.Split(Start)[0], after.Split(Start)[0]);
        Assert.Equal(before.Split(End)[1], after.Split(End)[1]);
    }

    [Fact]
    public async Task The_bench_refuses_to_update_the_docs_from_a_partial_run_under_either_name()
    {
        foreach (string option in new[] { "--update-docs", "--update-readme" })
        {
            ScriptRun refused = await ScriptRun.RunAsync("python3", "bench/bench.py", option, "--quick");

            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--update-docs takes only a full run", refused.Output);
        }
    }
}
