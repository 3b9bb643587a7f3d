using System.Diagnostics;
using Protocol.Core.Tests.Support;
using Protocol.Testing;
using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Diagnostics;

public sealed class PerClientTelemetryTests
{
    private const string State = "protocol.connection.state";
    private const string Received = "protocol.messages.received";

    [Fact]
    public async Task Two_clients_in_one_process_report_their_own_state_and_their_own_counters()
    {
        var nameA = TelemetryCapture.UniqueName("a");
        var nameB = TelemetryCapture.UniqueName("b");
        using var capture = new TelemetryCapture(nameA, nameB);
        await using var a = new Harness(b => b.WithName(nameA).WithPlatform("platform-a"));
        await using var b = new Harness(b => b.WithName(nameB).WithPlatform("platform-b"));

        var connectionA = await a.ConnectReadyAsync();
        var connectionB = await b.ConnectReadyAsync();
        await b.Client.DisconnectAsync();
        for (var i = 0; i < 3; i++)
        {
            connectionA.PushText("""{"action":"quote","v":1}""");
        }

        capture.Collect();
        var states = capture.Measurements.Where(m => m.Instrument == State).ToList();
        states.ShouldContain(m => m.Client == nameA && m.Value == (int)ConnectionState.Ready && m.Tags[ProtocolTelemetry.PlatformTag] == "platform-a");
        states.ShouldContain(m => m.Client == nameB && m.Value == (int)ConnectionState.Disconnected && m.Tags[ProtocolTelemetry.PlatformTag] == "platform-b");
        states.Count(m => m.Client == nameA).ShouldBe(1);
        states.Count(m => m.Client == nameB).ShouldBe(1);

        // Each client's counter carries its own tags: A saw its login answer and three quotes, B only its login answer.
        capture.Of(Received, nameA).Where(m => m.Tags[ProtocolTelemetry.MessageNameTag] == "quote").Sum(m => m.Value).ShouldBe(3);
        capture.Of(Received, nameB).Where(m => m.Tags[ProtocolTelemetry.MessageNameTag] == "quote").ShouldBeEmpty();
        capture.Of(Received, nameB).Sum(m => m.Value).ShouldBe(1);
        capture.Of(Received, nameA).ShouldAllBe(m => m.Tags[ProtocolTelemetry.PlatformTag] == "platform-a");
        capture.Of("protocol.connects", nameA).Sum(m => m.Value).ShouldBe(1);
        capture.Of("protocol.connects", nameB).Sum(m => m.Value).ShouldBe(1);
        capture.Of("protocol.messages.sent", nameB).Sum(m => m.Value).ShouldBe(1);

        // A disposed client leaves the gauge; the other is still reported.
        await a.Client.DisposeAsync();
        var before = capture.Measurements.Count;
        capture.Collect();
        var after = capture.Measurements.Skip(before).Where(m => m.Instrument == State).ToList();
        after.ShouldNotContain(m => m.Client == nameA);
        after.ShouldContain(m => m.Client == nameB);
        GC.KeepAlive(connectionB);
    }

    [Fact]
    public async Task A_client_without_a_name_reports_the_defaults_and_bad_names_are_refused()
    {
        ClientOptions.DefaultName.ShouldBe("default");
        ClientOptions.DefaultPlatform.ShouldBe("unknown");
        Should.Throw<ArgumentException>(() => new Harness(b => b.Configure(o => o.Name = new string('x', 65))));
        Should.Throw<ArgumentException>(() => new Harness(b => b.Configure(o => o.Platform = "")));
        Should.Throw<ArgumentException>(() => new Harness(b => b.WithName(" ")));

        // Other tests' unnamed clients may report here too: every one of them must carry the default platform.
        using var capture = new TelemetryCapture(ClientOptions.DefaultName);
        await using var h = new Harness();
        await h.ConnectReadyAsync();
        capture.Of("protocol.connects", ClientOptions.DefaultName).ShouldNotBeEmpty();
        capture.Of("protocol.connects", ClientOptions.DefaultName).ShouldAllBe(m => m.Tags[ProtocolTelemetry.PlatformTag] == ClientOptions.DefaultPlatform);
    }

    [Fact]
    public async Task One_hundred_fifty_distinct_unknown_names_become_at_most_one_hundred_tag_values_plus_other()
    {
        var name = TelemetryCapture.UniqueName("cap");
        using var capture = new TelemetryCapture(name);
        await using var h = new Harness(b => b.WithName(name));
        var connection = await h.ConnectReadyAsync();
        for (var i = 0; i < 150; i++)
        {
            connection.PushText($$"""{"action":"unknown-{{i}}"}""");
        }

        var unknown = capture.Of(Received, name)
            .Select(m => m.Tags[ProtocolTelemetry.MessageNameTag]!)
            .Where(v => v.StartsWith("unknown-", StringComparison.Ordinal) || v == ProtocolTelemetry.OtherTagValue)
            .ToList();
        unknown.Count.ShouldBe(150);

        // loginOk took one of the 100 places first, so 99 unknown names keep theirs and 51 are "other".
        var distinct = unknown.Distinct().ToList();
        distinct.ShouldContain(ProtocolTelemetry.OtherTagValue);
        distinct.Count(v => v != ProtocolTelemetry.OtherTagValue).ShouldBe(ProtocolTelemetry.WireNameTagLimit - 1);
        unknown.Count(v => v == ProtocolTelemetry.OtherTagValue).ShouldBe(51);
        capture.Of(Received, name).Select(m => m.Tags[ProtocolTelemetry.MessageNameTag]).Distinct().Count().ShouldBeLessThanOrEqualTo(ProtocolTelemetry.WireNameTagLimit + 1);

        // Names seen before the cap keep their own value afterwards.
        connection.PushText("""{"action":"unknown-0"}""");
        capture.Of(Received, name).Last().Tags[ProtocolTelemetry.MessageNameTag].ShouldBe("unknown-0");
    }

    [Fact]
    public async Task Command_spans_carry_the_client_tags_the_command_and_its_outcome()
    {
        var name = TelemetryCapture.UniqueName("cmd");
        using var capture = new TelemetryCapture(name);
        await using var h = new Harness(b => b.WithName(name).WithPlatform("test-platform"));
        var connection = await h.ConnectReadyAsync();

        var ok = h.Ping.PingAsync(1);
        await connection.NextSentAsync();
        connection.PushText("""{"action":"pong","id":1}""");
        await ok;

        var rejected = h.Ping.PingAsync(2);
        await connection.NextSentAsync();
        connection.PushText("""{"action":"pingRejected","id":2}""");
        await Should.ThrowAsync<CommandRejectedException>(rejected);

        var timedOut = h.Ping.PingAsync(3, TimeSpan.FromSeconds(5));
        await connection.NextSentAsync();
        h.Time.Advance(TimeSpan.FromSeconds(5));
        await Should.ThrowAsync<CommandTimeoutException>(timedOut.WithSafetyNet());

        var lost = h.Ping.PingAsync(4);
        await connection.NextSentAsync();
        connection.Drop();
        await Should.ThrowAsync<ConnectionLostException>(lost.WithSafetyNet());

        var spans = capture.Spans.Where(s => s.OperationName == "protocol.command").ToList();
        spans.Count.ShouldBe(4);
        spans.ShouldAllBe(s => (string?)s.GetTagItem(ProtocolTelemetry.PlatformTag) == "test-platform"
            && (string?)s.GetTagItem(ProtocolTelemetry.CommandTag) == "Ping"
            && (string?)s.GetTagItem(ProtocolTelemetry.ModuleTag) == "ping");
        spans.Select(s => (string?)s.GetTagItem(ProtocolTelemetry.OutcomeTag)).ShouldBe(
            [CommandOutcome.Ok, CommandOutcome.Rejected, CommandOutcome.Timeout, CommandOutcome.ConnectionLost], ignoreOrder: true);
        spans.Single(s => (string?)s.GetTagItem(ProtocolTelemetry.OutcomeTag) == CommandOutcome.Ok).Status.ShouldBe(ActivityStatusCode.Ok);
        spans.Where(s => (string?)s.GetTagItem(ProtocolTelemetry.OutcomeTag) != CommandOutcome.Ok).ShouldAllBe(s => s.Status == ActivityStatusCode.Error);

        capture.Of("protocol.command.duration", name).Select(m => m.Tags[ProtocolTelemetry.OutcomeTag]).ShouldBe(
            [CommandOutcome.Ok, CommandOutcome.Rejected, CommandOutcome.Timeout, CommandOutcome.ConnectionLost], ignoreOrder: true);

        var connect = capture.Spans.Where(s => s.OperationName == "protocol.connect").ToList();
        connect.ShouldNotBeEmpty();
        connect.ShouldAllBe(s => (string?)s.GetTagItem(ProtocolTelemetry.PlatformTag) == "test-platform");
    }

    [Fact]
    public async Task No_secret_from_the_login_frame_or_the_endpoint_reaches_a_tag_value()
    {
        var name = TelemetryCapture.UniqueName("secret");
        using var capture = new TelemetryCapture(name);
        await using var h = new Harness(b => b.WithName(name)
            .AddEndpoint(new ConnectionEndpoint(new Uri("wss://secondary.example/ws?ssid=secret-token"), null, [new("Cookie", "secret-token")])));
        h.Transport.FailNextConnects(1);
        await h.Client.ConnectAsync();
        var connection = await h.AcceptNextLoginAsync();
        connection.PushText("""{"action":"updateSession","ssid":"secret-token","token":"secret-token"}""");
        var ping = h.Ping.PingAsync(1);
        await connection.NextSentAsync();
        connection.PushText("""{"action":"pong","id":1,"token":"secret-token"}""");
        await ping;

        capture.Measurements.ShouldNotBeEmpty();
        capture.Measurements.SelectMany(m => m.Tags.Values).ShouldAllBe(v => v == null || !v.Contains("secret-token"));
        capture.Spans.ShouldNotBeEmpty();
        capture.Spans.SelectMany(s => s.TagObjects).ShouldAllBe(t => t.Value == null || !t.Value.ToString()!.Contains("secret-token"));
        capture.Spans.ShouldAllBe(s => s.StatusDescription == null || !s.StatusDescription.Contains("secret-token"));
    }

    [Fact]
    public async Task A_slow_consumer_drop_is_counted_under_its_client()
    {
        var name = TelemetryCapture.UniqueName("drops");
        using var capture = new TelemetryCapture(name);
        await using var h = new Harness(b => b.WithName(name));
        var connection = await h.ConnectReadyAsync();
        await using var ticks = h.Ping.SubscribeTicks(SubscriptionOptions.LatestWins);
        connection.PushText("""{"action":"tick","value":1}""");
        connection.PushText("""{"action":"tick","value":2}""");

        // Nobody reads: the second tick replaces the first, and the drop carries the client's tags.
        await capture.WaitForAsync(m => m.Instrument == "protocol.dropped" && m.Tags[ProtocolTelemetry.DropReasonTag] == "slow_consumer").WithSafetyNet();
        capture.Of("protocol.dropped", name).ShouldAllBe(m => m.Tags[ProtocolTelemetry.PlatformTag] == ClientOptions.DefaultPlatform);
    }

    [Fact]
    public async Task A_regex_rule_that_times_out_is_counted_under_the_client_routing_the_message()
    {
        var name = TelemetryCapture.UniqueName("regex");
        using var capture = new TelemetryCapture(name);

        // Nested backtracking over a long run of 'a' that never reaches the '#' the pattern wants: the 1 ms match timeout fires.
        var rule = Validator.Regex("(.*a){20}#", TimeSpan.FromMilliseconds(1));
        await using var h = new Harness(b => b.WithName(name).AddLightweightModule("redos", rule, ctx => new IdleModule(ctx)));
        var connection = await h.ConnectReadyAsync();
        connection.PushText($$"""{"action":"x","v":"{{new string('a', 4000)}}!"}""");

        capture.Of("protocol.errors", name).ShouldContain(m => m.Tags[ProtocolTelemetry.ErrorKindTag] == "regex_timeout");
    }

    private sealed class IdleModule(ModuleContext<TestState> context) : LightweightModule<TestState>(context)
    {
        protected override ValueTask OnMessageAsync(MessageLease message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
