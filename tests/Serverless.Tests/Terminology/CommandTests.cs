using System.CommandLine;
using Serverless.Core.Terminology;
using Serverless.Local.Commands;
using Xunit;

namespace Serverless.Tests.Terminology;

public sealed class CommandTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("terms-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void Terms_prints_one_json_line_per_document_in_file_name_order()
    {
        File.WriteAllText(Path.Combine(directory.FullName, "b.txt"), "second");
        File.WriteAllText(Path.Combine(directory.FullName, "a.abstr"), "first");
        File.WriteAllText(Path.Combine(directory.FullName, "c.txt"), "third \"quoted\"");
        File.WriteAllText(Path.Combine(directory.FullName, "ignored.json"), "{}");
        var extractor = new EchoExtractor();

        var (code, output, _) = Invoke(TermsCommand.Create(() => extractor), "--input", directory.FullName, "--top", "2", "--workers", "3");

        Assert.Equal(0, code);
        Assert.Equal(
            [
                """{"id":"a","terms":["first","daml+oil"]}""",
                """{"id":"b","terms":["second","daml+oil"]}""",
                """{"id":"c","terms":["third \"quoted\"","daml+oil"]}""",
            ],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Terms_fails_with_exit_code_2_for_a_missing_directory()
    {
        var (code, _, error) = Invoke(TermsCommand.Create(() => new EchoExtractor()), "--input", Path.Combine(directory.FullName, "nope"));

        Assert.Equal(2, code);
        Assert.Contains("not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_explains_and_exits_with_2_when_the_zip_is_absent()
    {
        var (code, output, error) = Invoke(
            EvalCommand.Create(() => new EchoExtractor()), "--data", Path.Combine(directory.FullName, "Validation.zip"));

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("Evaluation data not found", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Invoke(Command command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = command.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Returns the text itself and a term that JSON escaping must leave readable.</summary>
    private sealed class EchoExtractor : ITerminologyExtractor
    {
        public TermExtraction Extract(string text, int top) =>
            new(new[] { text, "daml+oil", "extra" }.Take(top).Select(t => new ExtractedTerm(t, 1, [t])).ToList(), 1, 1);
    }
}
