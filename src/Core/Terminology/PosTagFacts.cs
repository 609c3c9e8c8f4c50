namespace Serverless.Core.Terminology;

/// <summary>What a tag means for noun phrases: which tags may sit in one, head one, or mark a clause.</summary>
public static class PosTagFacts
{
    public static bool IsNoun(this PosTag tag) => tag is PosTag.NN or PosTag.NNS or PosTag.NNP or PosTag.NNPS;

    public static bool IsAdjective(this PosTag tag) => tag is PosTag.JJ or PosTag.JJR or PosTag.JJS;

    /// <summary>A finite or base verb ("converges", "measure", "computed" as a past tense): never part of a term.</summary>
    public static bool IsVerb(this PosTag tag) => tag is PosTag.VB or PosTag.VBD or PosTag.VBP or PosTag.VBZ or PosTag.MD;

    /// <summary>Words that head a term: nouns, and gerunds used as nouns ("signal processing").</summary>
    public static bool CanEndTerm(this PosTag tag) => tag.IsNoun() || tag is PosTag.VBG or PosTag.FW;

    /// <summary>Words that may sit in a term: nouns, adjectives and participles used as adjectives ("trained model").</summary>
    public static bool CanBeInTerm(this PosTag tag) => tag.CanEndTerm() || tag.IsAdjective() || tag is PosTag.VBN;

    /// <summary>Function-word tags: the lexicon's first tag for them is reliable, so context never changes it.</summary>
    public static bool IsClosedClass(this PosTag tag) => tag is PosTag.DT or PosTag.IN or PosTag.CC or PosTag.MD or PosTag.PRP
        or PosTag.PRPS or PosTag.TO or PosTag.WDT or PosTag.WP or PosTag.WPS or PosTag.WRB or PosTag.EX or PosTag.PDT
        or PosTag.POS or PosTag.RP;
}
