namespace Serverless.Core.Terminology;

/// <summary>A maximal run of words that may sit in a term: words [Start, RawEnd); the noun phrase is [Start, End).</summary>
/// <param name="Start">Index of the run's first word.</param>
/// <param name="RawEnd">One past the run's last word before trimming.</param>
/// <param name="End">One past the phrase's last word, which is a noun (End == Start when the run holds no noun).</param>
public readonly record struct WordRun(int Start, int RawEnd, int End)
{
    public int Length => End - Start;
}
