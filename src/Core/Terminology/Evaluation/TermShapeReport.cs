namespace Serverless.Core.Terminology.Evaluation;

/// <summary>What <see cref="TermShapeAudit"/> found.</summary>
/// <param name="Terms">Terms checked.</param>
/// <param name="VerbEdged">Terms whose first or last word is a verb where they occur.</param>
/// <param name="TaggerMillisecondsPerDocument">Mean time to tag one document, tokenisation excluded.</param>
public sealed record TermShapeReport(int Terms, int VerbEdged, double TaggerMillisecondsPerDocument)
{
    public double VerbEdgedShare => Terms == 0 ? 0 : (double)VerbEdged / Terms;
}
