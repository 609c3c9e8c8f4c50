namespace Serverless.Core.Terminology;

/// <summary>A half-open character range [Start, End) of the analysed text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}
