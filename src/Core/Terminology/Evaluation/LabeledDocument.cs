namespace Serverless.Core.Terminology.Evaluation;

/// <summary>One evaluation document with its reference key phrases.</summary>
public sealed record LabeledDocument(string Id, string Text, IReadOnlyList<string> Keyphrases);
