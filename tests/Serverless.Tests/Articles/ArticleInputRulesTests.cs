using System.Text;
using Serverless.Core.Articles;
using Xunit;

namespace Serverless.Tests.Articles;

public sealed class ArticleInputRulesTests
{
    [Theory]
    [InlineData("papers/2026/a.txt")]
    [InlineData("a.txt")]
    [InlineData("notes.v2..final.txt")]
    public void Ordinary_names_are_accepted(string name) => Assert.Null(ArticleNames.Problem(name));

    [Theory]
    [InlineData("../secret.txt", "path tricks")]
    [InlineData("papers/../../etc/passwd", "path tricks")]
    [InlineData("/etc/passwd", "path tricks")]
    [InlineData("papers\\a.txt", "path tricks")]
    [InlineData("papers//a.txt", "path tricks")]
    [InlineData("papers/./a.txt", "path tricks")]
    [InlineData("a\u0000.txt", "control characters")]
    [InlineData("  ", "empty")]
    public void Tricky_names_are_refused_with_a_reason(string name, string reason) => Assert.Contains(reason, ArticleNames.Problem(name));

    [Fact]
    public void Text_decodes_with_or_without_a_byte_order_mark()
    {
        Assert.Equal("Grain boundaries", ArticleText.Decode(Encoding.UTF8.GetBytes("Grain boundaries")).Text);
        Assert.Equal("Grain boundaries", ArticleText.Decode([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("Grain boundaries")]).Text);
        Assert.Equal("na\u00efve", ArticleText.Decode(Encoding.UTF8.GetBytes("na\u00efve")).Text);
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x09 }, "only whitespace")]
    [InlineData(new byte[] { 0x41, 0x00, 0x42 }, "NUL")]
    [InlineData(new byte[] { 0x43, 0x61, 0x66, 0xE9 }, "not valid UTF-8")]
    [InlineData(new byte[] { 0x01, 0x02, 0x03, 0x41, 0x42 }, "control characters")]
    public void Non_text_is_refused_with_a_reason(byte[] bytes, string reason)
    {
        ArticleText.Result result = ArticleText.Decode(bytes);

        Assert.Null(result.Text);
        Assert.Contains(reason, result.Problem);
    }
}
