using Microsoft.DurableTask;

namespace Serverless.Core.Storage;

/// <summary>Fan-in of an article run: per-article terms, failures, corpus terminology, manifest last.</summary>
public sealed class WriteArticleResultsActivity(BlobResultStore store) : TaskActivity<ArticleRunResults, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ArticleRunResults input)
    {
        await store.WriteArticleRunAsync(input);
        return true;
    }
}
