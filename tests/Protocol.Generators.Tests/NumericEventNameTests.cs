using System.Text;
using Protocol.Generators.Tests.Fixtures;
using Protocol.Generators.Tests.Infrastructure;
using Protocol.SocketIO;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Time;

namespace Protocol.Generators.Tests;

/// <summary>
/// socket.io-parser accepts a number as an event name (<c>42[42,…]</c>); the view's name bytes are then <c>42</c>, the same as
/// the string <c>"42"</c>'s. A generated message named "42" matches only the string.
/// </summary>
public sealed class NumericEventNameTests
{
    [Fact]
    public void Matches_accepts_the_string_name_and_refuses_the_same_number()
    {
        var mapper = new SocketIOViewMapper();
        FortyTwo.Matches(Map(mapper, """["42",{"n":1}]""")).ShouldBeTrue();
        FortyTwo.Matches(Map(mapper, """[42,{"n":1}]""")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_frame_with_a_numeric_event_name_is_not_routed_to_the_message_with_that_text_as_its_wire_name()
    {
        var state = new NumberState();
        var (client, connection) = await ReadyClient.StartAsync(state, b => b.AddNumbersModule());
        await using var owned = client;

        // In order on one receive path: had the numeric one been routed, the handler would have seen 1 first.
        connection.PushText("""42[42,{"n":1}]""");
        connection.PushText("""42["42",{"n":2}]""");
        (await state.Seen.Task.WithSafetyNet()).ShouldBe(2);
    }

    private static MessageView Map(SocketIOViewMapper mapper, string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        return mapper.MapFields(MessageKind.Event, bytes, "42"u8, bytes, default, default, null);
    }
}
