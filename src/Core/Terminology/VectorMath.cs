namespace Serverless.Core.Terminology;

/// <summary>Small dense-vector helpers for unit-length embeddings.</summary>
public static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    /// <summary>Scales to unit length in place; a zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    /// <summary>Weighted mean of vectors, scaled to unit length.</summary>
    public static float[] WeightedMean(IReadOnlyList<float[]> vectors, IReadOnlyList<double> weights)
    {
        var mean = new float[vectors[0].Length];
        for (var i = 0; i < vectors.Count; i++)
        {
            var w = (float)weights[i];
            for (var d = 0; d < mean.Length; d++)
            {
                mean[d] += w * vectors[i][d];
            }
        }

        Normalize(mean);
        return mean;
    }
}
