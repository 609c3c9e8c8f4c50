using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serverless.Core.Terminology;

namespace Serverless.Local.Commands;

/// <summary>
/// <c>terms --input DIR [--top 10] [--format jsonl] [--workers N]</c>: key phrases of every <c>.txt</c> and
/// <c>.abstr</c> file in DIR, one JSON line per file in file-name order:
/// <c>{"id":"&lt;name without extension&gt;","terms":["...",...]}</c>.
/// </summary>
public static class TermsCommand
{
    private static readonly string[] Extensions = [".txt", ".abstr"];

    // Relaxed escaping keeps terms readable ("daml+oil", not "daml\u002Boil"); the output is not embedded in HTML.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create() => Create(() => new KeyphraseExtractor(new MiniLmTextEmbedder()));

    /// <summary>Builds the command around a given extractor (tests pass a fake one).</summary>
    public static Command Create(Func<ITerminologyExtractor> extractorFactory)
    {
        ArgumentNullException.ThrowIfNull(extractorFactory);
        var input = new Option<DirectoryInfo>("--input", "-i")
        {
            Description = "Directory holding .txt or .abstr documents.",
            Required = true,
        };
        var top = new Option<int>("--top", "-n")
        {
            Description = "Key phrases per document.",
            DefaultValueFactory = _ => 10,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl");
        var workers = new Option<int>("--workers", "-w")
        {
            Description = "Documents analysed in parallel (default: processor count).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };

        var command = new Command("terms", "Extract domain key phrases from every document in a directory.")
        {
            input, top, format, workers,
        };
        command.SetAction(parse =>
        {
            var directory = parse.GetRequiredValue(input);
            var count = parse.GetValue(top);
            var parallelism = parse.GetValue(workers);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!directory.Exists)
            {
                error.WriteLine($"Input directory not found: {directory.FullName}");
                return 2;
            }

            if (count < 1 || parallelism < 1)
            {
                error.WriteLine("--top and --workers must be at least 1.");
                return 1;
            }

            var files = directory.EnumerateFiles()
                .Where(f => Extensions.Contains(f.Extension, StringComparer.OrdinalIgnoreCase))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToList();
            Run(files, extractorFactory(), count, parallelism, output);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Extracts in parallel but writes strictly in file order: each finished line waits until every earlier
    /// file is written, so output streams without holding the whole directory's results.
    /// </summary>
    private static void Run(List<FileInfo> files, ITerminologyExtractor extractor, int top, int workers, TextWriter output)
    {
        var lines = new string?[files.Count];
        var next = 0;
        var gate = new object();
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
        {
            var text = File.ReadAllText(files[i].FullName);
            var terms = extractor.Extract(text, top).Terms.Select(t => t.Term);
            var line = ToJsonLine(Path.GetFileNameWithoutExtension(files[i].Name), terms);
            lock (gate)
            {
                lines[i] = line;
                while (next < lines.Length && lines[next] is { } ready)
                {
                    output.WriteLine(ready);
                    lines[next++] = null;
                }
            }
        });
        output.Flush();
    }

    public static string ToJsonLine(string id, IEnumerable<string> terms)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteStartArray("terms");
            foreach (var term in terms)
            {
                writer.WriteStringValue(term);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
