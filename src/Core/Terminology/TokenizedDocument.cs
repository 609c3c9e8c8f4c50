namespace Serverless.Core.Terminology;

/// <summary>A document split into words and sentences by <see cref="DocumentTokenizer"/>.</summary>
/// <param name="Text">The analysed text; every offset refers to it.</param>
/// <param name="Words">Words in reading order.</param>
/// <param name="Sentences">Sentence spans in reading order, covering every word; the title (if any) is the first.</param>
/// <param name="HasTitle">True when sentence 0 is a detected title.</param>
public sealed record TokenizedDocument(
    string Text,
    IReadOnlyList<WordToken> Words,
    IReadOnlyList<TextSpan> Sentences,
    bool HasTitle);
