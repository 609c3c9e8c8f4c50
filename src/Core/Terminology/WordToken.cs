namespace Serverless.Core.Terminology;

/// <summary>One word of the document as the Lucene analyser saw it, with the facts candidate selection needs.</summary>
/// <param name="Index">Position in the document's word sequence.</param>
/// <param name="Surface">The word exactly as written (case kept) so canonical forms can be rebuilt from the text.</param>
/// <param name="Lower">Lower-cased word.</param>
/// <param name="Stem">Porter stem of <see cref="Lower"/>; variants such as plurals share it.</param>
/// <param name="Start">Character offset of the word in the analysed text.</param>
/// <param name="End">Character offset one past the word.</param>
/// <param name="Sentence">Index of the sentence holding the word (the title, when there is one, is sentence 0).</param>
/// <param name="BreaksBefore">True when punctuation or a sentence end separates this word from the previous one,
/// so no phrase may span the gap.</param>
/// <param name="InTitle">True for words of a detected title line.</param>
public readonly record struct WordToken(
    int Index,
    string Surface,
    string Lower,
    string Stem,
    int Start,
    int End,
    int Sentence,
    bool BreaksBefore,
    bool InTitle);
