using Protocol.Core.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Tests.Allocations;

namespace Protocol.Core.Tests.Routing;

// A platform sends many events a client declares no reader for; each is counted (UnknownMessageTests) on the receive path,
// which must stay allocation-free for a name seen before: a lock-free lookup of its counter, no metric work without a listener.
public sealed class UnknownMessageAllocationTests
{
    private const int Messages = 1_000;
    private const int Rounds = 5;

    [Fact]
    public async Task An_undeclared_name_seen_again_is_counted_without_allocating()
    {
        await using var h = new Harness();
        var connection = await h.ConnectReadyAsync();

        // A warm-up round, then the rounds measured; the least is compared, since a round that crosses a power of two logs
        // the name once (the log's own formatting allocates).
        var rounds = await AllocationRounds.MeasureAsync(() => Push(connection), Rounds).WithSafetyNet(AllocationRounds.Limit);

        rounds.Min().ShouldBe(0, $"every round of {Messages} unknown messages allocated ({AllocationRounds.Describe(rounds)} B)");
        h.Client.Runner.Router.UnknownCount("brandNew").ShouldBe(Messages * (Rounds + 1));
    }

    private static void Push(FakeConnection connection)
    {
        for (var i = 0; i < Messages; i++)
        {
            connection.PushText("""{"action":"brandNew","v":1}"""u8);
        }
    }
}
