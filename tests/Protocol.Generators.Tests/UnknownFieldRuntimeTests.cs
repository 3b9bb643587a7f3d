using System.Text;
using Protocol.Generators.Tests.Fixtures;
using Protocol.Generators.Tests.Infrastructure;
using Protocol.Testing.Connections;
using Protocol.Testing.Logging;

namespace Protocol.Generators.Tests;

/// <summary>
/// Issue #11: a property a declared message does not have (protocol drift) leaves the message readable and is counted per client
/// under the message's wire name and the field's name on <c>protocol.unknown_fields</c>, logged on the 1st, 2nd, 4th… sighting of
/// each pair, with wire-derived names capped. The generated readers report it; the client's dispatch table names client and message.
/// </summary>
public sealed class UnknownFieldRuntimeTests
{
    private const int UnknownFieldLog = 30;
    private const string Message = "successopenOrder";

    [Fact]
    public async Task A_message_with_an_undeclared_field_is_still_read_and_the_field_is_counted_under_the_message_and_logged_on_the_1st_2nd_and_4th_sighting()
    {
        var name = UniqueName();
        using var meter = new UnknownFieldMeter(name);
        var logs = new CapturingLoggerFactory();
        var state = new TradingState();
        var (client, connection) = await ReadyClient.StartAsync(state, b => b.WithName(name).UseLoggerFactory(logs).AddTradesModule());
        await using var _ = client;

        for (var i = 0; i < 5; i++)
        {
            connection.PushText(Opened("""{"brandNew":"secret-value",""" + MessageRoundTripTests.DealJson.TrimStart()[1..]));
        }

        // Nested in the deal, the field still belongs to the message it arrived in; the deals were read all the same.
        state.OpenedDeals.Count.ShouldBe(5);
        meter.Count(name, Message, "brandNew").ShouldBe(5);
        meter.Count(name, Message, "refundTime").ShouldBe(5);
        meter.Count(name, Message, "refundTimestamp").ShouldBe(0, "the fixture's Deal lists it in IgnoredFields");
        var logged = logs.All.Where(e => e.EventId.Id == UnknownFieldLog && e.Message.Contains("'brandNew'", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        logged.Select(m => m[m.IndexOf('(', StringComparison.Ordinal)..(m.IndexOf(')', StringComparison.Ordinal) + 1)]).ShouldBe(["(1 so far)", "(2 so far)", "(4 so far)"]);
        logged.ShouldAllBe(m => m.Contains($"'{Message}'", StringComparison.Ordinal));
        logs.All.ShouldAllBe(e => !e.Message.Contains("secret-value", StringComparison.Ordinal));

        // Declared members, even under their second name (amountUSD), are never reported; an escaped name is reported unescaped.
        meter.Fields(name, Message).ShouldNotContain("amountUSD");
        meter.Fields(name, Message).ShouldNotContain("amount");
        connection.PushText(Opened("""{"brand\u004eew":1,""" + MessageRoundTripTests.DealJson.TrimStart()[1..]));
        meter.Count(name, Message, "brandNew").ShouldBe(6);
    }

    [Fact]
    public async Task A_client_of_declared_modules_alone_routes_what_it_declares_and_reports_an_undeclared_event()
    {
        // No middleware, lightweight handler or rule module: the client routes by its dispatch table alone.
        var logs = new CapturingLoggerFactory();
        var state = new TradingState();
        var (client, connection) = await ReadyClient.StartAsync(state, b => b.UseLoggerFactory(logs).AddTradesModule());
        await using var _ = client;

        connection.PushText("42[\"brandNewEvent\",{\"secret\":\"never logged\"}]");
        connection.PushText(Opened(MessageRoundTripTests.DealJson));

        state.OpenedDeals.ShouldHaveSingleItem();
        var unknown = logs.All.Where(e => e.EventId.Id == 22).Select(e => e.Message).ToList();
        unknown.ShouldContain(m => m.Contains("'brandNewEvent'", StringComparison.Ordinal) && m.Contains("(1 so far)", StringComparison.Ordinal));
        unknown.ShouldNotContain(m => m.Contains($"'{Message}'", StringComparison.Ordinal));
        unknown.ShouldAllBe(m => !m.Contains("never logged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Past_the_cap_new_field_names_are_counted_as_other_so_a_server_cannot_multiply_series()
    {
        var name = UniqueName();
        using var meter = new UnknownFieldMeter(name);
        var state = new TradingState();
        var (client, connection) = await ReadyClient.StartAsync(state, b => b.WithName(name).AddTradesModule());
        await using var _ = client;

        // 105 new names first, then the fixture deal's own undeclared one (refundTime; refundTimestamp is in its IgnoredFields).
        var extra = string.Concat(Enumerable.Range(0, 105).Select(i => $"\"x{i}\":{i},"));
        connection.PushText(Opened("{" + extra + MessageRoundTripTests.DealJson.TrimStart()[1..]));

        state.OpenedDeals.ShouldHaveSingleItem();
        var fields = meter.Fields(name, Message);
        fields.Count.ShouldBe(ProtocolTelemetry.WireNameTagLimit + 1);
        fields.ShouldBe([.. Enumerable.Range(0, ProtocolTelemetry.WireNameTagLimit).Select(i => $"x{i}"), ProtocolTelemetry.OtherTagValue], ignoreOrder: true);
        meter.Count(name, Message, ProtocolTelemetry.OtherTagValue).ShouldBe(6);
        meter.Count(name, Message, "refundTime").ShouldBe(0);
    }

    [Fact]
    public async Task Two_clients_in_one_process_count_and_log_their_unknown_fields_separately()
    {
        var (nameA, nameB) = (UniqueName(), UniqueName());
        using var meter = new UnknownFieldMeter(nameA, nameB);
        var (logsA, logsB) = (new CapturingLoggerFactory(), new CapturingLoggerFactory());
        var (clientA, connectionA) = await ReadyClient.StartAsync(new TradingState(), b => b.WithName(nameA).UseLoggerFactory(logsA).AddTradesModule());
        await using var _ = clientA;
        var (clientB, connectionB) = await ReadyClient.StartAsync(new TradingState(), b => b.WithName(nameB).UseLoggerFactory(logsB).AddTradesModule());
        await using var __ = clientB;

        for (var i = 0; i < 3; i++)
        {
            connectionA.PushText(Opened("""{"brandNew":1,""" + MessageRoundTripTests.DealJson.TrimStart()[1..]));
        }

        connectionB.PushText(Opened("""{"brandNew":1,"otherNew":2,""" + MessageRoundTripTests.DealJson.TrimStart()[1..]));

        meter.Count(nameA, Message, "brandNew").ShouldBe(3);
        meter.Count(nameA, Message, "otherNew").ShouldBe(0);
        meter.Count(nameB, Message, "brandNew").ShouldBe(1);
        meter.Count(nameB, Message, "otherNew").ShouldBe(1);

        // Each client's first sighting is its own: B logs brandNew once although A had seen it three times.
        Counts(logsA, "brandNew").ShouldBe(["(1 so far)", "(2 so far)"]);
        Counts(logsB, "brandNew").ShouldBe(["(1 so far)"]);
        Counts(logsB, "otherNew").ShouldBe(["(1 so far)"]);
        Counts(logsA, "otherNew").ShouldBeEmpty();
    }

    [Fact]
    public async Task Counting_an_unknown_field_after_its_first_sighting_allocates_nothing_on_the_receive_path()
    {
        const int WarmUp = 4_096;
        const int Frames = 1_000;
        const int Rounds = 3;
        var logs = new CapturingLoggerFactory();
        var state = new TradingState();
        var (client, connection) = await ReadyClient.StartAsync(state, b => b.WithName(UniqueName()).UseLoggerFactory(logs).AddTradesModule());
        await using var _ = client;
        var known = Encoding.UTF8.GetBytes(Opened(MessageRoundTripTests.DealJson));
        var unknown = Encoding.UTF8.GetBytes(Opened("""{"brandNew":"x",""" + MessageRoundTripTests.DealJson.TrimStart()[1..]));

        // The warm-up ends on the 4096th sighting (logged); the measured ones (4097th to 7096th) fall between two log lines.
        // The least of a few rounds: a one-off in the runtime (a tier-up) must not pass for a cost per frame.
        Push(connection, state, known, 100);
        Push(connection, state, unknown, WarmUp);
        long withoutUnknown = long.MaxValue, withUnknown = long.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Push(connection, state, known, Frames);
            withoutUnknown = Math.Min(withoutUnknown, GC.GetAllocatedBytesForCurrentThread() - before);
            before = GC.GetAllocatedBytesForCurrentThread();
            Push(connection, state, unknown, Frames);
            withUnknown = Math.Min(withUnknown, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        withUnknown.ShouldBeLessThanOrEqualTo(withoutUnknown, $"an unknown field cost {(double)(withUnknown - withoutUnknown) / Frames:0.#} B/frame");

        // Every measured sighting was counted: the next power of two is reached exactly when expected.
        Push(connection, state, unknown, 8_192 - WarmUp - (Rounds * Frames) - 1);
        Counts(logs, "brandNew").ShouldNotContain("(8192 so far)");
        Push(connection, state, unknown, 1);
        Counts(logs, "brandNew").ShouldContain("(8192 so far)");
    }

    private static string UniqueName() => $"unknown-fields-{Guid.NewGuid():N}";

    private static string Opened(string deal) => "42[\"" + Message + "\"," + deal + "]";

    private static List<string> Counts(CapturingLoggerFactory logs, string field) =>
        [.. logs.All.Where(e => e.EventId.Id == UnknownFieldLog && e.Message.Contains($"'{field}'", StringComparison.Ordinal))
            .Select(e => e.Message[e.Message.IndexOf('(', StringComparison.Ordinal)..(e.Message.IndexOf(')', StringComparison.Ordinal) + 1)])];

    // Each frame is routed on this thread, up to the module's handler, before PushText returns; the list keeps its capacity.
    private static void Push(FakeConnection connection, TradingState state, byte[] frame, int count)
    {
        for (var i = 0; i < count; i++)
        {
            connection.PushText(frame);
        }

        if (state.OpenedDeals.Count != count)
        {
            throw new InvalidOperationException($"{state.OpenedDeals.Count} of {count} deals reached the handler synchronously.");
        }

        state.OpenedDeals.Clear();
    }
}
