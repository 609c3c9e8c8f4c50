namespace Serverless.Core.Terminology;

/// <summary>How candidates are proposed.</summary>
public sealed record CandidateOptions
{
    /// <summary>Longest phrase, in words. Inspec-style reference phrases are almost all 1-4 words.</summary>
    public int MaxWords { get; init; } = 4;

    /// <summary>
    /// Also propose the slices of a run that end in a noun, not only the whole run. A run often carries a stray
    /// modifier ("efficient adaptive approach"), and the slice is the real term.
    /// </summary>
    public bool IncludeSlices { get; init; } = true;
}
