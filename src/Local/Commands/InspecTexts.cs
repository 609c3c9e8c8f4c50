using Serverless.Core.Terminology.Evaluation;

namespace Serverless.Local.Commands;

/// <summary>The abstracts the NLP benchmarks measure: the first <c>limit</c> of an Inspec split, or a one-line error when it is absent.</summary>
static class InspecTexts
{
    public static List<string>? Load(FileInfo zip, int? limit)
    {
        if (!zip.Exists)
        {
            Console.Error.WriteLine($"{zip.FullName} not found (the Inspec data lives in ../shared/data/inspec/).");
            return null;
        }

        IReadOnlyList<LabeledDocument> all = InspecDataset.Load(zip.FullName);
        return all.Take(limit ?? all.Count).Select(d => d.Text).ToList();
    }
}
