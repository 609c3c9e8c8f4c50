using Serverless.Core.Terminology;

namespace Serverless.Tests.Terminology;

/// <summary>
/// Model-free embedder: one word piece per whitespace word (plus [CLS]/[SEP]) and bag-of-words hash vectors.
/// Lets chunking and ranking plumbing be tested fast and with a tiny window.
/// </summary>
internal sealed class FakeEmbedder(int maxWordPieces) : ITextEmbedder
{
    private const int Dimensions = 64;

    public int MaxWordPieces { get; } = maxWordPieces;

    public List<string> Embedded { get; } = [];

    public int CountWordPieces(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length + 2;

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        lock (Embedded)
        {
            Embedded.AddRange(texts);
        }

        return texts.Select(Vector).ToArray();
    }

    /// <summary>No context in a bag of words: each segment's state is its own vector, one piece each.</summary>
    public WindowStates EmbedWindow(IReadOnlyList<string> segments)
    {
        var text = string.Join(' ', segments);
        lock (Embedded)
        {
            Embedded.Add(text);
        }

        return new WindowStates(Vector(text), segments.Select(Vector).ToArray(), segments.Select(_ => 1).ToArray());
    }

    private float[] Vector(string text)
    {
        if (CountWordPieces(text) > MaxWordPieces)
        {
            throw new ArgumentException($"'{text}' exceeds the window");
        }

        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            vector[(int)(StableHash(word) % Dimensions)] += 1;
        }

        VectorMath.Normalize(vector);
        return vector;
    }

    private static uint StableHash(string word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
