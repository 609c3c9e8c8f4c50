namespace Serverless.Core.Terminology;

/// <summary>
/// Everything the ranking step needs about one document: its candidates and the embeddings of candidates
/// and document. Kept separate from ranking so ranking weights can be compared without re-running the model.
/// </summary>
/// <param name="Document">The tokenised document.</param>
/// <param name="Chunks">Model windows the document was split into.</param>
/// <param name="Candidates">Candidate phrases in order of first occurrence.</param>
/// <param name="CandidateVectors">Unit-length embedding of each candidate's canonical form, same order.</param>
/// <param name="DocumentVector">Unit-length embedding of the whole document (mean of its chunks).</param>
public sealed record DocumentAnalysis(
    TokenizedDocument Document,
    IReadOnlyList<DocumentChunk> Chunks,
    IReadOnlyList<PhraseCandidate> Candidates,
    IReadOnlyList<float[]> CandidateVectors,
    float[] DocumentVector);
