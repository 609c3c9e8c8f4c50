namespace Serverless.Core.Terminology;

/// <summary>
/// <see cref="ITextEmbedder"/> over the process-wide <see cref="MiniLmModel"/>. Cheap to create: the model
/// loads on the first call that needs it, so resolving the extractor from DI costs nothing.
/// </summary>
public sealed class MiniLmTextEmbedder : ITextEmbedder
{
    public int MaxWordPieces => MiniLmModel.WindowWordPieces;

    public int CountWordPieces(string text) => MiniLmModel.Shared.CountWordPieces(text);

    public float[][] Embed(IReadOnlyList<string> texts) => MiniLmModel.Shared.Embed(texts);

    public float[][] EmbedPhrases(IReadOnlyList<string> phrases) => MiniLmModel.Shared.EmbedPhrases(phrases);

    public WindowStates EmbedWindow(IReadOnlyList<string> segments) => MiniLmModel.Shared.EmbedWindow(segments);
}
