namespace Serverless.Core.Terminology;

/// <summary>A model window's pooled vector and the contextual states of its space-separated segments.</summary>
/// <param name="Vector">Unit-length mean-pooled embedding of the whole window.</param>
/// <param name="SegmentSums">Per segment, the sum of the hidden states of its word pieces.</param>
/// <param name="SegmentPieces">Per segment, how many word pieces it took.</param>
public sealed record WindowStates(float[] Vector, IReadOnlyList<float[]> SegmentSums, IReadOnlyList<int> SegmentPieces);
