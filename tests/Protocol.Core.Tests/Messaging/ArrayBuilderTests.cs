using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Messaging;

public sealed class ArrayBuilderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(40)]
    public void The_array_holds_every_added_element_in_order(int count)
    {
        var builder = new WireJson.ArrayBuilder<string>();
        var expected = Enumerable.Range(0, count).Select(i => $"item{i}").ToArray();
        foreach (var item in expected)
        {
            builder.Add(item);
        }

        builder.ToArrayAndReturn().ShouldBe(expected);
    }

    [Fact]
    public void A_builder_returned_after_a_failed_read_starts_over_empty()
    {
        var builder = new WireJson.ArrayBuilder<int>();
        for (var i = 0; i < 20; i++)
        {
            builder.Add(i);
        }

        builder.Return();
        builder.Add(7);
        builder.ToArrayAndReturn().ShouldBe([7]);
    }
}
