using System.Text.Json;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Core.Terminology;

namespace Serverless.Core.Articles;

/// <summary>An article run's result lines: the terms of each analysed article, the failed articles, and the corpus terms.</summary>
public sealed class ArticleResultLines : RunResultLines<string, ArticleOutcome>
{
    public override string Kind => RunKinds.Articles;

    protected override string Key(ArticleOutcome outcome) => outcome.Article;

    protected override string? SucceededLine(ArticleOutcome outcome) =>
        outcome.Succeeded ? Line(new ArticleTermsLine(outcome.Article, outcome.TokenCount, outcome.ChunkCount, outcome.Terms)) : null;

    protected override string FailedLine(ArticleOutcome outcome) => Line(new FailedArticle(outcome.Article, outcome.Reason ?? "unknown"));

    protected override string MissingLine(string item, string reason) => Line(new FailedArticle(item, reason));

    protected override ICorpusBuilder<ArticleOutcome> NewCorpus() => new Corpus();

    sealed class Corpus : ICorpusBuilder<ArticleOutcome>
    {
        static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
        readonly List<ArticleOutcome> analysed = [];

        public void Add(ArticleOutcome outcome) => analysed.Add(outcome);

        public string ToJson() => JsonSerializer.Serialize(CorpusTerminology.Merge(analysed), IndentedJson);
    }
}

/// <summary>One line of a run's articles.ndjson.</summary>
public sealed record ArticleTermsLine(string Article, int TokenCount, int ChunkCount, IReadOnlyList<ExtractedTerm> Terms);

/// <summary>One line of an article run's failed.ndjson.</summary>
public sealed record FailedArticle(string Article, string Reason);
