using Serverless.Core.Terminology;
using Xunit;

namespace Serverless.Tests.Terminology;

/// <summary>The shipped common-word list (WordNet lemmas by SemCor counts) judges words in the forms a paper writes them.</summary>
public class DomainWeightTests
{
    [Theory]
    [InlineData("point")]
    [InlineData("points")]
    [InlineData("Methods")]
    [InlineData("studies")]
    [InlineData("analyses")]
    [InlineData("hypotheses")]
    [InlineData("phenomena")]
    [InlineData("children")]
    [InlineData("zero")]
    public void Everyday_words_are_general_in_any_inflected_form(string word) =>
        Assert.True(DomainWeight.IsGeneralWord([word]), word);

    [Theory]
    [InlineData("semiconductor")]
    [InlineData("eigenvalues")]
    [InlineData("photons")]
    [InlineData("wavelet")]
    [InlineData("ontology")]
    public void Specialist_words_are_not_general(string word) => Assert.False(DomainWeight.IsGeneralWord([word]), word);

    [Theory]
    [InlineData("running")]
    [InlineData("stopped")]
    [InlineData("began")]
    [InlineData("men")]
    public void The_list_holds_inflected_forms_of_its_lemmas(string form) => Assert.True(TaggerLexicon.Default.IsCommon(form), form);

    [Fact]
    public void Acronyms_are_never_general_words() => Assert.False(DomainWeight.IsGeneralWord(["DFT", "dft"]));
}
