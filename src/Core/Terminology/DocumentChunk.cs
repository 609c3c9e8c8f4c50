namespace Serverless.Core.Terminology;

/// <summary>A window of whole sentences (or of words, for an over-long sentence) that fits the model.</summary>
/// <param name="Text">Chunk text with whitespace collapsed.</param>
/// <param name="WordPieces">Word pieces the model sees, special tokens included.</param>
public sealed record DocumentChunk(string Text, int WordPieces);
