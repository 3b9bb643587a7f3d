using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Messaging;

// A module reads its message from the router's pooled copy: the copy must still tell a numeric event name (42[42,…]) from
// the string "42", or a module-side Matches would accept what the receive path refused.
public sealed class MessageLeaseNameTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_leased_copy_keeps_whether_the_name_was_a_number(bool isNumber)
    {
        var pool = new MessageLeasePool();
        var frame = """42[42,{"n":1}]"""u8.ToArray();
        var payload = frame.AsSpan(2);
        var view = new MessageView(MessageKind.Event, frame, payload.Slice(1, 2), payload, [ArgumentSlice.InPayload(4, 7)], default, "/"u8) { NameIsNumber = isNumber };

        var lease = pool.Rent(view, 0);
        lease.View.NameIsNumber.ShouldBe(isNumber);
        lease.View.TryGetArgument(0, out var argument).ShouldBeTrue();
        argument.SequenceEqual("""{"n":1}"""u8).ShouldBeTrue();
        lease.Release();

        // A reused lease does not keep the last message's flag.
        var plain = """{"action":"tick"}"""u8.ToArray();
        var next = pool.Rent(new MessageView(MessageKind.Action, plain, "tick"u8, plain), 0);
        next.View.NameIsNumber.ShouldBeFalse();
        next.Release();
    }
}
