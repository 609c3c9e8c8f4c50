using Serverless.Core.Runs.FanOut;
using Xunit;

namespace Serverless.Tests.FanOut;

public sealed class ChunkSizingTests
{
    [Theory]
    [InlineData(1_000, 2_500, 50, 2_500)]   // one chunk: the configured size, nothing split
    [InlineData(10_000, 2_500, 50, 2_500)]  // four chunks, two rounds of two lanes of 25
    [InlineData(11_000, 2_500, 20, 1_375)]  // five chunks would leave a last round of one: eight of 1,375, two rounds of four
    [InlineData(11_000, 2_500, 50, 1_834)]  // cap 50 splits evenly into two lanes: five chunks become six, three rounds of two
    [InlineData(10_000, 2_500, 2, 2_500)]   // a cap of 2 has two lanes: four chunks are two whole rounds
    [InlineData(1_001, 500, 60, 334)]       // three chunks, three lanes of 20
    [InlineData(1_001, 500, 50, 251)]       // three chunks, but 50 splits evenly only into two lanes: four chunks, two rounds
    public void Chunks_come_in_whole_rounds_of_lanes(int items, int maxChunkSize, int cap, int expected) =>
        Assert.Equal(expected, ChunkSizing.ForUserRun(items, maxChunkSize, cap));

    [Theory]
    [InlineData(5_001, 500, 20)]
    [InlineData(100_000, 2_500, 50)]
    [InlineData(99_999, 5_000, 3)]
    [InlineData(7, 2, 50)]
    public void Every_lane_runs_the_same_number_of_chunks_none_above_the_configured_size(int items, int maxChunkSize, int cap)
    {
        int size = ChunkSizing.ForUserRun(items, maxChunkSize, cap);
        int chunks = (items + size - 1) / size;
        int lanes = FanOutRun.LanesFor(chunks, cap);

        Assert.InRange(size, 1, maxChunkSize);
        Assert.Equal(0, chunks % lanes);
    }

    [Theory]
    [InlineData(4, 20, 4)]
    [InlineData(4, 50, 2)]
    [InlineData(3, 60, 3)]
    [InlineData(4, 10, 2)]
    [InlineData(8, 7, 1)]
    [InlineData(2, 1, 1)]
    [InlineData(1, 100, 1)]
    public void Lanes_split_the_cap_evenly_never_more_than_four_or_than_the_chunks(int chunks, int cap, int expected)
    {
        int lanes = FanOutRun.LanesFor(chunks, cap);

        Assert.Equal(expected, lanes);
        Assert.Equal(0, cap % lanes);
    }
}
