using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Protocol.Core.Tests.Support;
using Protocol.Infrastructure;
using Protocol.Testing;
using Protocol.Testing.Logging;
using Protocol.Tests.Allocations;

namespace Protocol.Core.Tests.Diagnostics;

// The hook generated readers call for an undeclared property (UnknownMembers.Report) and the per-client count behind it.
public sealed class UnknownFieldsTests
{
    [Fact]
    public void The_hook_reports_only_inside_a_scope_and_names_the_scope_s_message()
    {
        var fields = new UnknownFields(ClientTelemetry.Default, NullLogger.Instance);
        Report("""{"brandNew":1}"""u8, null);
        fields.Count("deal", "brandNew").ShouldBe(0);

        Report("""{"brandNew":1}"""u8, fields.ScopeFor("deal"));
        Report("""{"brandNew":2}"""u8, fields.ScopeFor("deal"));
        fields.Count("deal", "brandNew").ShouldBe(2);
        fields.Count("other-message", "brandNew").ShouldBe(0);
    }

    [Fact]
    public void Escaped_names_are_counted_unescaped_and_names_past_the_byte_cap_as_other()
    {
        var fields = new UnknownFields(ClientTelemetry.Default, NullLogger.Instance);
        var scope = fields.ScopeFor("m");
        Report("""{"br\u0061ndNew":1}"""u8, scope);
        Report(Encoding.UTF8.GetBytes("{\"" + new string('n', WireNameTags.MaxNameBytes + 1) + "\":1}"), scope);
        Report(Encoding.UTF8.GetBytes("{\"" + string.Concat(Enumerable.Repeat("\\u006e", WireNameTags.MaxNameBytes + 1)) + "\":1}"), scope);
        Report(Encoding.UTF8.GetBytes("{\"" + string.Concat(Enumerable.Repeat("\\u006e", WireNameTags.MaxNameBytes)) + "\":1}"), scope);

        fields.Count("m", "brandNew").ShouldBe(1);
        fields.Count("m", ProtocolTelemetry.OtherTagValue).ShouldBe(2);
        fields.Count("m", new string('n', WireNameTags.MaxNameBytes)).ShouldBe(1);
    }

    [Fact]
    public void Past_the_pair_cap_each_message_counts_new_fields_as_other()
    {
        var fields = new UnknownFields(ClientTelemetry.Default, NullLogger.Instance, limit: 3);
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            fields.Record("m1", Encoding.UTF8.GetBytes(name));
        }

        fields.Record("m2", "a"u8);
        fields.Record("m1", "a"u8);

        fields.Count("m1", "a").ShouldBe(2);
        fields.Count("m1", "c").ShouldBe(1);
        fields.Count("m1", "d").ShouldBe(0);
        fields.Count("m1", ProtocolTelemetry.OtherTagValue).ShouldBe(2);
        fields.Count("m2", "a").ShouldBe(0);
        fields.Count("m2", ProtocolTelemetry.OtherTagValue).ShouldBe(1);
    }

    [Fact]
    public void Each_pair_is_logged_on_the_1st_2nd_4th_and_8th_sighting_with_names_only()
    {
        using var logs = new CapturingLoggerFactory();
        var fields = new UnknownFields(ClientTelemetry.Default, logs.CreateLogger("Protocol.Router"));
        for (var i = 0; i < 9; i++)
        {
            Report("""{"bonus":"secret-value"}"""u8, fields.ScopeFor("successupdateBalance"));
        }

        var logged = logs.All.Where(e => e.EventId.Id == 30).Select(e => e.Message).ToList();
        logged.Count.ShouldBe(4);
        logged.ShouldAllBe(m => m.Contains("'successupdateBalance'") && m.Contains("'bonus'") && !m.Contains("secret-value"));
        logged.Select(m => m[m.IndexOf('(')..(m.IndexOf(')') + 1)]).ShouldBe(["(1 so far)", "(2 so far)", "(4 so far)", "(8 so far)"]);
    }

    [Fact]
    public void A_throwing_logger_never_escapes_the_hook_and_the_sighting_is_still_counted()
    {
        var fields = new UnknownFields(ClientTelemetry.Default, new ThrowingLogger());
        Should.NotThrow(() => Report("""{"brandNew":1}"""u8, fields.ScopeFor("m")));
        fields.Count("m", "brandNew").ShouldBe(1);
    }

    [Fact]
    public void The_router_answers_for_the_client_s_unknown_fields_beside_its_unknown_events()
    {
        var fields = new UnknownFields(ClientTelemetry.Default, NullLogger.Instance);
        var router = new Router<object>(new object(), new MiddlewarePipeline<object>([], null!, TimeProvider.System, TimeSpan.FromSeconds(1), ClientTelemetry.Default, NullLogger.Instance), Array.Empty<(string, LightweightMatcher<object>)>(), [], DispatchTable.Empty, new MessageLeasePool(), TimeProvider.System, ClientTelemetry.Default, NullLogger.Instance, fields);
        fields.Record("deal", "brandNew"u8);
        router.UnknownFieldCount("deal", "brandNew").ShouldBe(1);
        router.UnknownFieldCount("deal", "known").ShouldBe(0);
    }

    [Fact]
    public async Task A_known_pair_is_counted_and_measured_without_allocating()
    {
        var name = TelemetryCapture.UniqueName("unknown-fields");
        var fields = new UnknownFields(new ClientTelemetry(name, "test"), NullLogger.Instance);
        var scope = fields.ScopeFor("deal");
        long seen = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProtocolTelemetry.Name && instrument.Name == "protocol.unknown_fields")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref seen, value));
        listener.Start();
        var json = """{"brandNew":1}"""u8.ToArray();
        ReportAll(json, scope, 3);

        var rounds = await AllocationRounds.MeasureAsync(() => ReportAll(json, scope, 1_000), 5).WithSafetyNet(AllocationRounds.Limit);
        rounds.Min().ShouldBe(0, $"reporting a known unknown field allocated in every round of 1000 reports (bytes per round: {AllocationRounds.Describe(rounds)})");
        fields.Count("deal", "brandNew").ShouldBe(6_003);
        Interlocked.Read(ref seen).ShouldBeGreaterThanOrEqualTo(6_003);
    }

    private static void ReportAll(byte[] json, UnknownFieldScope scope, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Report(json, scope);
        }
    }

    // A reader on the object's first property name, as a generated reader is when it meets an undeclared one.
    private static void Report(ReadOnlySpan<byte> json, UnknownFieldScope? scope)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        var previous = UnknownMembers.Enter(scope);
        try
        {
            UnknownMembers.Report(ref reader);
        }
        finally
        {
            UnknownMembers.Exit(previous);
        }

        // The hook leaves the reader where it was, so the generated reader goes on to skip the value (no assertion library here:
        // this runs inside the allocation measurement).
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new InvalidOperationException("The hook moved the reader.");
        }
    }

    private sealed class ThrowingLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => throw new InvalidOperationException("a broken log sink");
    }
}
