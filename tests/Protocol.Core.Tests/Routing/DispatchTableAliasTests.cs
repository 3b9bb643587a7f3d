using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Protocol.Core.Tests.Routing;

public sealed class DispatchTableAliasTests
{
    [Fact]
    public void A_message_with_aliases_is_routed_by_each_name_to_one_dispatcher_and_read_once_per_frame()
    {
        var builder = new DispatchTableBuilder();
        var sink = new Recording();
        builder.For<Rejected>().Add(sink);
        builder.For<Rejected>().Add(new Recording()); // a second module: the aliases are registered once, not per sink
        var table = builder.Build();

        table.Count.ShouldBe(3);
        foreach (var name in new[] { "NotAuthorized", "notAuthorized", "auth_error" })
        {
            table.Dispatch(View(name)).ShouldBeTrue(name);
        }

        table.Dispatch(View("other")).ShouldBeFalse();
        sink.Names.ShouldBe(["NotAuthorized", "notAuthorized", "auth_error"]);
    }

    [Fact]
    public void A_sink_that_throws_is_reported_once_and_the_sinks_after_it_still_get_the_value()
    {
        var builder = new DispatchTableBuilder();
        var first = new Failing();
        var before = new Recording();
        var second = new Failing();
        var after = new Recording();
        foreach (var sink in new InboundSink<Rejected>[] { before, first, second, after })
        {
            builder.For<Rejected>().Add(sink);
        }

        var table = builder.Build();
        table.Dispatch(View("NotAuthorized")).ShouldBeTrue();
        table.Dispatch(View("auth_error")).ShouldBeTrue();

        before.Names.ShouldBe(["NotAuthorized", "auth_error"]);
        after.Names.ShouldBe(["NotAuthorized", "auth_error"]);
        first.Failures.ShouldBe(["NotAuthorized", "auth_error"]);
        second.Failures.ShouldBe(["NotAuthorized", "auth_error"]);
    }

    private sealed class Failing() : InboundSink<Rejected>("f", SinkPhase.Handler)
    {
        public List<string> Failures { get; } = [];

        public override void Deliver(Rejected value) => throw new InvalidOperationException(value.Name);

        public override void ReportUnreadable(string wireName) => throw new InvalidOperationException("unreadable " + wireName);

        public override void ReportFailure(Exception error) => Failures.Add(error.Message);
    }

    private static MessageView View(string name) =>
        new(MessageKind.Event, default, Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes("[\"" + name + "\"]"), ReadOnlySpan<ArgumentSlice>.Empty, default, "/"u8);

    private sealed class Recording() : InboundSink<Rejected>("m", SinkPhase.Handler)
    {
        public List<string> Names { get; } = [];

        public override void Deliver(Rejected value) => Names.Add(value.Name);

        public override void ReportUnreadable(string wireName) => throw new InvalidOperationException("unreadable " + wireName);

        public override void ReportFailure(Exception error) => throw error;
    }

    // Hand-written as the generator writes [ProtocolMessage("NotAuthorized", Aliases = …)]; the alias equal to the name is ignored.
    private sealed class Rejected : IIncomingMessage<Rejected>
    {
        public string Name { get; init; } = "";

        public static ReadOnlySpan<byte> WireNameUtf8 => "NotAuthorized"u8;

        public static IReadOnlyList<byte[]> WireAliasesUtf8 { get; } = ["notAuthorized"u8.ToArray(), "auth_error"u8.ToArray(), "NotAuthorized"u8.ToArray()];

        public static bool Matches(MessageView message) =>
            message.Name.SequenceEqual(WireNameUtf8) || message.Name.SequenceEqual("notAuthorized"u8) || message.Name.SequenceEqual("auth_error"u8);

        public static bool TryRead(MessageView message, [MaybeNullWhen(false)] out Rejected value)
        {
            value = new Rejected { Name = Encoding.UTF8.GetString(message.Name) };
            return true;
        }

        public static bool TryRead(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out Rejected value)
        {
            value = new Rejected();
            return reader.TrySkip();
        }
    }
}
