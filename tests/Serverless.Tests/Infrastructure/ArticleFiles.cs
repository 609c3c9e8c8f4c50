using System.Text;
using Azure.Storage.Blobs;
using Serverless.Tests.Infrastructure;

namespace Serverless.Tests.Infrastructure;

/// <summary>The sample articles shipped in samples/articles, and uploads to Azurite's articles container.</summary>
public static class ArticleFiles
{
    public static IReadOnlyList<FileInfo> Samples { get; } =
        new DirectoryInfo(Path.Combine(RepoPaths.Root, "samples", "articles"))
            .EnumerateFiles("*.txt").OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

    public static FileInfo Longest => Samples.MaxBy(f => f.Length)!;

    public static BlobContainerClient Container()
    {
        var container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient("articles");
        container.CreateIfNotExists();
        return container;
    }

    /// <summary>A fresh folder per test, so listings by prefix see only that test's articles.</summary>
    public static string NewPrefix() => $"tests/{Guid.NewGuid():N}/";

    public static async Task<BlobClient> UploadAsync(string name, byte[] content)
    {
        BlobClient blob = Container().GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), overwrite: true);
        return blob;
    }

    public static Task<BlobClient> UploadAsync(string name, string text) => UploadAsync(name, Encoding.UTF8.GetBytes(text));

    public static async Task<List<string>> UploadSamplesAsync(string prefix, int copies = 1)
    {
        var names = new List<string>();
        for (int copy = 0; copy < copies; copy++)
        {
            foreach (FileInfo file in Samples)
            {
                string name = $"{prefix}{(copy == 0 ? "" : $"copy{copy}-")}{file.Name}";
                await UploadAsync(name, await File.ReadAllBytesAsync(file.FullName));
                names.Add(name);
            }
        }

        return names;
    }
}
