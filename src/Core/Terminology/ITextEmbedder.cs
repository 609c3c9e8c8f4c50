namespace Serverless.Core.Terminology;

/// <summary>Sentence-embedding model used to rank candidates against the document.</summary>
public interface ITextEmbedder
{
    /// <summary>Largest input, in word pieces including the special tokens, that the model reads without truncation.</summary>
    int MaxWordPieces { get; }

    /// <summary>Word pieces the model would see for <paramref name="text"/>, including the special tokens.</summary>
    int CountWordPieces(string text);

    /// <summary>
    /// Unit-length embeddings, one per text, in input order. Throws when a text exceeds
    /// <see cref="MaxWordPieces"/>: callers chunk long text, the model never truncates silently.
    /// </summary>
    float[][] Embed(IReadOnlyList<string> texts);

    /// <summary>
    /// Unit-length embeddings of short phrases (candidate terms), one per phrase, in input order; an embedder may read them
    /// more cheaply than whole texts. By default the same as <see cref="Embed"/>.
    /// </summary>
    float[][] EmbedPhrases(IReadOnlyList<string> phrases) => Embed(phrases);

    /// <summary>
    /// Embeds one window given as its space-separated segments: its vector equals <see cref="Embed"/> of the joined
    /// text, and each segment gets the summed states the model gave its pieces in that context.
    /// </summary>
    WindowStates EmbedWindow(IReadOnlyList<string> segments);
}
