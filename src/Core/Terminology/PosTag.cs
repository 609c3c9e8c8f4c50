namespace Serverless.Core.Terminology;

/// <summary>Penn Treebank part-of-speech tags, the tag set of the shipped lexicon (Data/PROVENANCE.md).</summary>
public enum PosTag : byte
{
    /// <summary>A tag the lexicon uses that the tagger has no rule for (symbols, list markers, interjections).</summary>
    Other,
    CC, CD, DT, EX, FW, IN, JJ, JJR, JJS, LS, MD, NN, NNS, NNP, NNPS, PDT, POS, PRP, PRPS, RB, RBR, RBS, RP, SYM, TO, UH,
    VB, VBD, VBG, VBN, VBP, VBZ, WDT, WP, WPS, WRB,
}
