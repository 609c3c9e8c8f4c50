namespace Serverless.Core.Terminology;

/// <summary>
/// Packs a document's sentences greedily into windows of at most <see cref="ITextEmbedder.MaxWordPieces"/>
/// word pieces, so a long article is embedded whole instead of being cut at the model's limit. A sentence
/// longer than a window is split between words. Every word of the document lands in exactly one chunk.
/// </summary>
public static class DocumentChunker
{
    private const int SpecialTokens = 2; // [CLS] and [SEP]

    public static IReadOnlyList<DocumentChunk> Chunk(TokenizedDocument document, ITextEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(embedder);
        var budget = embedder.MaxWordPieces - SpecialTokens;
        var chunks = new List<DocumentChunk>();
        var current = new List<string>();
        var used = 0;

        void Flush()
        {
            if (current.Count > 0)
            {
                chunks.Add(new DocumentChunk(string.Join(' ', current), used + SpecialTokens));
                current.Clear();
                used = 0;
            }
        }

        void Append(string text, int pieces)
        {
            if (used + pieces > budget)
            {
                Flush();
            }

            current.Add(text);
            used += pieces;
        }

        foreach (var span in document.Sentences)
        {
            var sentence = TextNormalizer.CollapseWhitespace(document.Text[span.Start..span.End]);
            var pieces = embedder.CountWordPieces(sentence) - SpecialTokens;
            if (pieces <= budget)
            {
                Append(sentence, pieces);
                continue;
            }

            // A run-on "sentence" (a table, a list without full stops) is split between words; a single word is
            // never split because even the longest words take only a few dozen pieces.
            foreach (var word in sentence.Split(' '))
            {
                Append(word, embedder.CountWordPieces(word) - SpecialTokens);
            }
        }

        Flush();
        return chunks;
    }
}
