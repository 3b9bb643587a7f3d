using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Protocol.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Protocol.Infrastructure;
using Protocol.Testing;
using Protocol.Tests.Allocations;

namespace Protocol.Core.Tests.Routing;

public sealed class RouterTests
{
    [Fact]
    public void Every_matching_module_gets_the_message_and_handlers_see_every_message()
    {
        var seen = new List<string>();
        var (router, routes) = Build(
            [("all", (m, _) => seen.Add(Encoding.UTF8.GetString(m.Name)))],
            ("quotes", m => m.Name.SequenceEqual("quote"u8)),
            ("everything", _ => true),
            ("none", _ => false));

        Route(router, "quote");
        Route(router, "other");

        seen.ShouldBe(["quote", "other"]);
        Drain(routes[0]).ShouldBe(["quote"]);
        Drain(routes[1]).ShouldBe(["quote", "other"]);
        Drain(routes[2]).ShouldBeEmpty();
        router.Pool.Available.ShouldBe(2);
    }

    [Fact]
    public void A_throwing_handler_or_rule_is_isolated()
    {
        var (router, routes) = Build(
            [("broken", (_, _) => throw new InvalidOperationException("handler")), ("ok", (_, _) => { })],
            ("bad-rule", _ => throw new InvalidOperationException("rule")),
            ("good", _ => true));

        Route(router, "x");
        Drain(routes[0]).ShouldBeEmpty();
        Drain(routes[1]).ShouldBe(["x"]);
    }

    [Fact]
    public void A_full_inbox_drops_and_counts_instead_of_blocking()
    {
        var (router, routes) = Build([], capacity: 2, ("small", _ => true));
        for (var i = 0; i < 5; i++)
        {
            Route(router, "m" + i);
        }

        routes[0].Dropped.ShouldBe(3);
        Drain(routes[0]).ShouldBe(["m0", "m1"]);

        // Two leases were delivered and one was reused for every dropped copy: all three are back in the pool.
        router.Pool.Available.ShouldBe(3);
    }

    [Fact]
    public void A_lease_keeps_raw_name_payload_scope_correlation_argument_layout_and_attachments_after_the_view_is_gone()
    {
        var (router, routes) = Build([], capacity: 4, ("all", _ => true));
        var raw = Encoding.UTF8.GetBytes("""451-["ev",{"_placeholder":true,"num":0}]""");
        ReadOnlyMemory<byte>[] attachments = [Encoding.UTF8.GetBytes("""{"x":1}""")];
        // Argument 0 is attachment 0 (as the Socket.IO mapper lays out a placeholder), argument 1 a slice of the payload.
        var payloadWithTail = Encoding.UTF8.GetBytes("""["ev",{"_placeholder":true,"num":0},7]""");
        ArgumentSlice[] arguments = [ArgumentSlice.Attachment(0), ArgumentSlice.InPayload(payloadWithTail.Length - 2, 1)];
        router.Route(new MessageView(MessageKind.Event, raw, "ev"u8, payloadWithTail, arguments, attachments, "/"u8, 3));
        payloadWithTail.AsSpan().Clear();
        raw.AsSpan().Clear();
        attachments[0].Span.ToArray().AsSpan().Clear();

        routes[0].Inbox.Reader.TryRead(out var input).ShouldBeTrue();
        var view = input.Message!.View;
        Encoding.UTF8.GetString(view.Raw).ShouldBe("""451-["ev",{"_placeholder":true,"num":0}]""");
        Encoding.UTF8.GetString(view.Name).ShouldBe("ev");
        Encoding.UTF8.GetString(view.Scope).ShouldBe("/");
        view.CorrelationId.ShouldBe(3);
        view.ArgumentCount.ShouldBe(2);
        view.TryGetArgument(0, out var argument).ShouldBeTrue();
        Encoding.UTF8.GetString(argument).ShouldBe("""{"x":1}""");
        view.TryGetArgument(1, out var second).ShouldBeTrue();
        Encoding.UTF8.GetString(second).ShouldBe("7");
        input.Message.Release();
        Should.Throw<InvalidOperationException>(() => input.Message.Release());
    }

    [Fact]
    public async Task Routing_into_module_inboxes_allocates_nothing_in_steady_state()
    {
        var (router, routes) = Build(
            [("count", (_, _) => { })],
            capacity: 1024,
            ("ticks", m => m.Name.SequenceEqual("tick"u8)),
            ("all", _ => true));
        var raw = """{"action":"tick","asset":"EURUSD_otc","price":1.08512,"time":1735689600}"""u8.ToArray();
        ReadOnlyMemory<byte>[] attachments = [new byte[64]];

        void RouteBatch()
        {
            for (var i = 0; i < 512; i++)
            {
                router.Route(new MessageView(MessageKind.Action, raw, raw.AsSpan(11, 4), raw, [ArgumentSlice.InPayload(0, raw.Length)], attachments));
            }

            foreach (var route in routes)
            {
                while (route.Inbox.Reader.TryRead(out var input))
                {
                    input.Message!.Release();
                }
            }
        }

        // Warm up: leases, pooled buffers, inbox storage and tiered JIT reach steady state.
        for (var batch = 0; batch < 50; batch++)
        {
            RouteBatch();
        }

        var rounds = await AllocationRounds.MeasureAsync(() =>
        {
            for (var batch = 0; batch < 4; batch++)
            {
                RouteBatch();
            }
        }, 5).WithSafetyNet(AllocationRounds.Limit);

        rounds.Min().ShouldBe(0, $"routing allocated in every round of {4 * 512} messages into 2 inboxes (bytes per round: {AllocationRounds.Describe(rounds)})");
    }

    private static void Route(Router<TestState> router, string name)
    {
        var raw = Encoding.UTF8.GetBytes($$"""{"action":"{{name}}"}""");
        router.Route(new MessageView(MessageKind.Action, raw, Encoding.UTF8.GetBytes(name), raw));
    }

    private static List<string> Drain(ModuleRoute route)
    {
        var names = new List<string>();
        while (route.Inbox.Reader.TryRead(out var input))
        {
            names.Add(Encoding.UTF8.GetString(input.Message!.View.Name));
            input.Message.Release();
        }

        return names;
    }

    private static (Router<TestState> Router, ModuleRoute[] Routes) Build((string, LightweightHandler<TestState>)[] handlers, params (string Name, Func<MessageView, bool> Rule)[] modules)
        => Build(handlers, 64, modules);

    private static (Router<TestState> Router, ModuleRoute[] Routes) Build((string, LightweightHandler<TestState>)[] handlers, int capacity, params (string Name, Func<MessageView, bool> Rule)[] modules)
    {
        var routes = modules.Select(m => new ModuleRoute(m.Name, ModuleKind.Lightweight, Validator.Custom(m.Rule), Channel.CreateBounded<ModuleInput>(new BoundedChannelOptions(capacity) { SingleReader = true }))).ToArray();
        var state = new TestState();
        var time = new FakeTimeProvider();
        var pipeline = new MiddlewarePipeline<TestState>([], null!, time, TimeSpan.FromSeconds(1), ClientTelemetry.Default, NullLogger.Instance);
        return (new Router<TestState>(state, pipeline, handlers, routes, DispatchTable.Empty, new MessageLeasePool(), time, ClientTelemetry.Default, NullLogger.Instance), routes);
    }
}
