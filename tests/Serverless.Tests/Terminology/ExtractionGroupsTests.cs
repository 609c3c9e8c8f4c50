using Serverless.Core.Terminology;
using Xunit;

namespace Serverless.Tests.Terminology;

public class ExtractionGroupsTests
{
    [Theory]
    [InlineData(32, 2, new[] { 8, 8, 8, 8 })]
    [InlineData(12, 2, new[] { 6, 6 })]
    [InlineData(5, 2, new[] { 2, 3 })]
    [InlineData(1, 4, new[] { 1 })]
    [InlineData(3, 4, new[] { 1, 1, 1 })]
    [InlineData(20, 1, new[] { 6, 7, 7 })]
    public void Groups_are_near_equal_at_most_eight_and_at_least_one_per_worker(int count, int workers, int[] sizes)
    {
        Range[] groups = ExtractionGroups.Split(count, workers);

        Assert.Equal(sizes, groups.Select(g => g.GetOffsetAndLength(count).Length));
        Assert.Equal(Enumerable.Range(0, count), groups.SelectMany(g => Enumerable.Range(0, count).Take(g)));
    }

    [Fact]
    public void No_texts_make_no_groups() => Assert.Empty(ExtractionGroups.Split(0, 2));

    [Fact]
    public void Every_group_is_at_most_the_maximum()
    {
        Range[] groups = ExtractionGroups.Split(1_000, 2);

        Assert.All(groups, g => Assert.InRange(g.GetOffsetAndLength(1_000).Length, 1, ExtractionGroups.MaxTexts));
        Assert.Equal(125, groups.Length);
    }
}
