namespace Serverless.Core.Terminology;

/// <summary>An acronym defined in the text: "long form (ACR)" or "ACR (long form)".</summary>
/// <param name="Acronym">The acronym as written, without a plural "s" ("SVM" for "SVMs").</param>
/// <param name="LongFormStart">Index of the first word of the long form.</param>
/// <param name="LongFormEnd">Index one past the last word of the long form.</param>
/// <param name="AcronymWord">Index of the acronym's word in the definition.</param>
public sealed record AcronymDefinition(string Acronym, int LongFormStart, int LongFormEnd, int AcronymWord)
{
    public int LongFormWords => LongFormEnd - LongFormStart;
}
