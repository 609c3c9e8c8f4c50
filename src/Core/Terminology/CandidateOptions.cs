namespace Serverless.Core.Terminology;

/// <summary>How candidates are proposed.</summary>
public sealed record CandidateOptions
{
    /// <summary>Longest phrase, in words. Inspec-style reference phrases are almost all 1-4 words.</summary>
    public int MaxWords { get; init; } = 4;

    /// <summary>
    /// Also propose the slices of a run, not only the whole run. Without a tagger a run often carries a stray
    /// verb or modifier ("efficient adaptive approach"), and the slice is the real term.
    /// </summary>
    public bool IncludeSlices { get; init; } = true;
}
