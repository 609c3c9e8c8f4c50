namespace Serverless.Core.Terminology;

/// <summary>
/// One model pass over a document's windows giving the document vector and, from the same hidden states, an
/// in-context vector for every candidate (the mean state of the word pieces of all its occurrences). The
/// in-context vectors cost no extra inference; they shortlist the candidates worth embedding on their own.
/// </summary>
public static class DocumentEmbedding
{
    public static (float[] DocumentVector, float[][] CandidateVectors) Embed(
        TokenizedDocument document, IReadOnlyList<DocumentChunk> chunks, IReadOnlyList<PhraseCandidate> candidates, ITextEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(embedder);
        var segmentOfWord = SegmentOfWord(document);
        var windowVectors = new float[chunks.Count][];
        var segmentStates = new List<float[]>();
        for (var c = 0; c < chunks.Count; c++)
        {
            var states = embedder.EmbedWindow(chunks[c].Text.Split(' '));
            windowVectors[c] = states.Vector;
            segmentStates.AddRange(states.SegmentSums);
        }

        // Longer chunks say more about the document, so they weigh more in its mean embedding.
        var weights = new double[chunks.Count];
        for (var c = 0; c < chunks.Count; c++)
        {
            weights[c] = chunks[c].WordPieces;
        }

        var documentVector = VectorMath.WeightedMean(windowVectors, weights);
        var vectors = new float[candidates.Count][];
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var vector = new float[documentVector.Length];
            foreach (var position in candidate.Positions)
            {
                var last = segmentOfWord[position + candidate.WordCount - 1];
                for (var s = segmentOfWord[position]; s <= last; s++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(vector, segmentStates[s], vector);
                }
            }

            foreach (var alias in candidate.AliasPositions)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(vector, segmentStates[segmentOfWord[alias]], vector);
            }

            VectorMath.Normalize(vector);
            vectors[i] = vector;
        }

        return (documentVector, vectors);
    }

    /// <summary>
    /// Index of the space-separated segment of the windows' text that holds each word. Windows are the sentences'
    /// text with whitespace collapsed, in order, so segments are the whitespace-separated runs of each sentence.
    /// </summary>
    private static int[] SegmentOfWord(TokenizedDocument document)
    {
        var text = document.Text;
        var words = document.Words;
        var map = new int[words.Count];
        var segment = -1;
        var w = 0;
        foreach (var sentence in document.Sentences)
        {
            var i = sentence.Start;
            while (i < sentence.End)
            {
                while (i < sentence.End && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i >= sentence.End)
                {
                    break;
                }

                var start = i;
                while (i < sentence.End && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                segment++;
                while (w < words.Count && words[w].Start < i)
                {
                    map[w] = words[w].Start >= start ? segment : Math.Max(segment - 1, 0);
                    w++;
                }
            }
        }

        return map;
    }
}
