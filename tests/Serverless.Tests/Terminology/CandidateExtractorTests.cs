using Serverless.Core.Terminology;
using Xunit;

namespace Serverless.Tests.Terminology;

public class CandidateExtractorTests
{
    private static IReadOnlyList<PhraseCandidate> Candidates(string text, CandidateOptions? options = null) =>
        CandidateExtractor.Extract(DocumentTokenizer.Tokenize(text), options ?? new CandidateOptions());

    [Fact]
    public void Stop_words_never_start_end_or_sit_inside_a_candidate()
    {
        var candidates = Candidates(
            "The analysis of the neural networks is performed on a large corpus and we propose an efficient training method.");

        Assert.NotEmpty(candidates);
        foreach (var candidate in candidates)
        {
            foreach (var word in candidate.Canonical.Split(' '))
            {
                Assert.False(StopWords.Contains(word), $"'{candidate.Canonical}' contains the stop word '{word}'");
            }
        }

        Assert.Contains(candidates, c => c.Canonical == "neural networks");
        Assert.Contains(candidates, c => c.Canonical == "efficient training method");
    }

    [Fact]
    public void Candidates_respect_the_word_limit_and_include_slices_of_longer_runs()
    {
        const string text = "Adaptive multiresolution finite volume solver design.";

        var four = Candidates(text);
        Assert.All(four, c => Assert.InRange(c.WordCount, 1, 4));
        Assert.Contains(four, c => c.Canonical == "finite volume solver design");
        Assert.DoesNotContain(four, c => c.WordCount == 6);

        var two = Candidates(text, new CandidateOptions { MaxWords = 2 });
        Assert.All(two, c => Assert.InRange(c.WordCount, 1, 2));
        Assert.Contains(two, c => c.Canonical == "volume solver");
    }

    [Fact]
    public void Only_whole_runs_are_proposed_when_slices_are_disabled()
    {
        var candidates = Candidates("Sparse matrix factorization. Graph partitioning.", new CandidateOptions { IncludeSlices = false });

        Assert.Equal(["sparse matrix factorization", "graph partitioning"], candidates.Select(c => c.Canonical));
        Assert.All(candidates, c => Assert.Equal(c.Frequency, c.MaximalCount));
    }

    [Fact]
    public void Stemming_groups_inflected_and_case_variants_under_one_canonical_form()
    {
        var candidates = Candidates(
            "Neural Networks learn. A neural network generalises. Neural networks scale. Recurrent networks differ.");

        var group = Assert.Single(candidates, c => c.Key == "neural network");
        Assert.Equal(3, group.Frequency);
        Assert.Equal("neural networks", group.Canonical); // two of three occurrences, lower-cased
        Assert.Equal(["Neural Networks", "neural network", "Neural networks"], group.SurfaceForms);
        Assert.Equal(0, group.FirstPosition);
    }

    [Fact]
    public void Punctuation_separates_phrases_but_hyphenated_compounds_stay_whole()
    {
        var candidates = Candidates("We study data, mining rules and knowledge-based economy models (e.g. e-services).");

        Assert.DoesNotContain(candidates, c => c.Canonical == "data mining");
        Assert.Contains(candidates, c => c.Canonical == "knowledge-based economy models");
        Assert.Contains(candidates, c => c.Canonical == "e-services");
        Assert.DoesNotContain(
            candidates,
            c => c.Canonical.Contains("based ", StringComparison.Ordinal) && !c.Canonical.Contains("knowledge-based", StringComparison.Ordinal));
    }

    [Fact]
    public void Adverbs_numbers_possessives_and_trailing_participles_are_excluded()
    {
        var candidates = Candidates(
            "The company's 2003 results were rapidly growing. Markov chains obtained were analysed with sampling methods tested.");

        Assert.DoesNotContain(candidates, c => c.Canonical.Contains("rapidly", StringComparison.Ordinal));
        Assert.DoesNotContain(candidates, c => c.Canonical.Contains("2003", StringComparison.Ordinal));
        Assert.DoesNotContain(candidates, c => c.Canonical.Contains("company", StringComparison.Ordinal));
        Assert.Contains(candidates, c => c.Canonical == "markov chains");
        Assert.Contains(candidates, c => c.Canonical == "sampling methods");
        Assert.DoesNotContain(candidates, c => c.Canonical.EndsWith("tested", StringComparison.Ordinal));
    }

    [Fact]
    public void Title_line_is_its_own_sentence_and_marks_its_candidates()
    {
        const string text = "Adaptive multiresolution approach for hyperbolic PDEs\r\nThis paper establishes a numerical\n\tsolution of " +
            "partial differential equations.";

        var document = DocumentTokenizer.Tokenize(text);
        Assert.True(document.HasTitle);
        Assert.Equal(2, document.Sentences.Count);
        var candidates = CandidateExtractor.Extract(document, new CandidateOptions());
        Assert.True(Assert.Single(candidates, c => c.Canonical == "hyperbolic pdes").InTitle);
        var wrapped = Assert.Single(candidates, c => c.Canonical == "numerical solution");
        Assert.False(wrapped.InTitle);
        Assert.Equal(["numerical solution"], wrapped.SurfaceForms); // line wrap collapsed to one space
    }
}
