using System.Text;
using Protocol.Generators.Tests.Fixtures;
using Protocol.Messaging;

namespace Protocol.Generators.Tests;

/// <summary>Declarations that fit real platforms (issue #10): the generated code of Fixtures/DeclarationFixtures.cs.</summary>
public class DeclarationTests
{
    [Fact]
    public void A_request_and_its_response_share_a_wire_name_and_direction_picks_the_contracts()
    {
        typeof(IOutgoingMessage).IsAssignableFrom(typeof(LoadHistoryRequest)).ShouldBeTrue();
        typeof(LoadHistoryRequest).GetInterfaces().ShouldNotContain(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IIncomingMessage<>));
        typeof(IWireReadable<LoadHistoryRequest>).IsAssignableFrom(typeof(LoadHistoryRequest)).ShouldBeTrue();
        typeof(IIncomingMessage<LoadHistoryAnswer>).IsAssignableFrom(typeof(LoadHistoryAnswer)).ShouldBeTrue();
        typeof(IOutgoingMessage).IsAssignableFrom(typeof(LoadHistoryAnswer)).ShouldBeFalse();
        typeof(IWireWritable).IsAssignableFrom(typeof(LoadHistoryAnswer)).ShouldBeTrue();

        LoadHistoryRequest.WireName.ShouldBe(LoadHistoryAnswer.WireName);
        MessageRoundTripTests.Frame(new LoadHistoryRequest { Asset = "EURUSD_otc", Period = 60, Time = 1751906100, Index = 17519061001, Offset = 100 })
            .ShouldBe("""42["loadHistoryPeriod",{"asset":"EURUSD_otc","period":60,"time":1751906100,"index":17519061001,"offset":100}]""");

        // The members are the same either way, so the server side (a simulator) can read the request and write the answer.
        var request = Event("loadHistoryPeriod", """["loadHistoryPeriod",{"asset":"A","period":5,"time":1,"index":2,"offset":3}]""");
        LoadHistoryRequest.Matches(request).ShouldBeTrue();
        LoadHistoryRequest.TryRead(request, out var read).ShouldBeTrue();
        read.Offset.ShouldBe(3);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        new LoadHistoryAnswer { Asset = "A", Index = 2, Period = 5 }.WriteEnvelope(buffer);
        Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe("""42["loadHistoryPeriod",{"asset":"A","index":2,"period":5}]""");
    }

    [Fact]
    public void An_incoming_message_matches_its_name_and_each_alias_and_nothing_else()
    {
        foreach (var name in new[] { "NotAuthorized", "notAuthorized", "auth_error" })
        {
            var view = Event(name, "[\"" + name + "\"]");
            NotAuthorized.Matches(view).ShouldBeTrue(name);
            NotAuthorized.TryRead(view, out _).ShouldBeTrue(name);
        }

        NotAuthorized.Matches(Event("notauthorized", """["notauthorized"]""")).ShouldBeFalse();
        NotAuthorized.Matches(Event("NotAuthorize", """["NotAuthorize"]""")).ShouldBeFalse();
        NotAuthorized.WireName.ShouldBe("NotAuthorized");
        Names<NotAuthorized>().ShouldBe(["notAuthorized", "auth_error"]);

        var answer = Event("loadHistoryPeriodFast", """["loadHistoryPeriodFast",{"asset":"A","index":2,"period":5}]""");
        LoadHistoryAnswer.Matches(answer).ShouldBeTrue();
        LoadHistoryAnswer.TryRead(answer, out var value).ShouldBeTrue();
        value.Index.ShouldBe(2UL);
        Names<LoadHistoryAnswer>().ShouldBe(["loadHistoryPeriodFast"]);

        // Without aliases the interface's default is empty.
        Names<SuccessCloseOrder>().ShouldBeEmpty();
    }

    private static string[] Names<T>()
        where T : IIncomingMessage<T> => T.WireAliasesUtf8.Select(a => Encoding.UTF8.GetString(a)).ToArray();

    internal static MessageView Event(string name, string payload) =>
        new(MessageKind.Event, default, Encoding.UTF8.GetBytes(name), "/"u8, MessageView.NoAckId, Encoding.UTF8.GetBytes(payload));
}
