using System.Diagnostics.Metrics;
using Protocol.PocketOption.Account;
using Protocol.PocketOption.Tests.Support;
using Protocol.PocketOption.Tests.Trading;
using Protocol.PocketOption.Trading;
using Protocol.Testing;

namespace Protocol.PocketOption.Tests.Account;

// Issue #11: a field PocketOption adds to a message the client declares is protocol drift: the message is still read, and the
// field is counted per name (protocol.unknown_fields) and logged on first sight, then on the doubling schedule; never its value.
public sealed class UnknownFieldTests
{
    private const int UnknownFieldLog = 30;

    [Fact]
    public async Task A_balance_and_a_deal_with_a_field_the_declarations_lack_are_still_read_and_the_field_is_counted_and_logged_once()
    {
        var name = $"po-unknown-{Guid.NewGuid():N}";
        using var meter = new FieldMeter(name);
        await using var h = new PocketHarness(configure: b => b.WithName(name).AddPocketOptionTrading());
        var connection = await h.LoginAsync();
        await using var balances = h.Client.GetApi<AccountApi>().SubscribeBalance();
        await using var updates = balances.GetAsyncEnumerator();

        connection.PushText("""42["successupdateBalance",{"uid":87654321,"isDemo":1,"balance":50000,"bonusBalance":"secret-bonus-7"}]""");
        (await updates.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        updates.Current.Balance.ShouldBe(50000m);
        connection.PushText("""451-["successupdateBalance",{"_placeholder":true,"num":0}]""");
        connection.PushBinary("""{"balance":49990.5}"""u8);
        (await updates.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        h.State.Balance.ShouldBe(49990.5m);

        // A deal row in its two-step form: the undeclared brandNewField belongs to the message it arrived in.
        connection.PushText("""451-["updateOpenedDeals",{"_placeholder":true,"num":0}]""");
        connection.PushBinary(System.Text.Encoding.UTF8.GetBytes("[" + TradingSamples.FullDeal + "]"));
        h.State.Deals.TryGetOpened(TradingSamples.DealId, out var deal).ShouldBeTrue();
        deal.Asset.ShouldBe("EURUSD_otc");

        meter.Count("successupdateBalance", "bonusBalance").ShouldBe(1);
        meter.Count("successupdateBalance", "uid").ShouldBe(0, "the uid beside a balance is known and deliberately not read (IgnoredFields)");
        meter.Count("updateOpenedDeals", "brandNewField").ShouldBe(1);
        var logged = h.Logs.All.Where(e => e.EventId.Id == UnknownFieldLog).Select(e => e.Message).ToList();
        logged.Where(m => m.Contains("'bonusBalance'", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldContain("'successupdateBalance'");
        logged.Where(m => m.Contains("'brandNewField'", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldContain("(1 so far)");
        h.Logs.All.ShouldAllBe(e => !e.Message.Contains("secret-bonus-7", StringComparison.Ordinal));
    }

    // protocol.unknown_fields of one client, by (message, field).
    private sealed class FieldMeter : IDisposable
    {
        private readonly string _client;
        private readonly List<(string Message, string Field, long Value)> _seen = [];
        private readonly MeterListener _listener = new();

        public FieldMeter(string client)
        {
            _client = client;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ProtocolTelemetry.Name && instrument.Name == "protocol.unknown_fields")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags));
            _listener.Start();
        }

        public long Count(string message, string field)
        {
            lock (_seen)
            {
                return _seen.Where(s => s.Message == message && s.Field == field).Sum(s => s.Value);
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? client = null, message = null, field = null;
            foreach (var tag in tags)
            {
                client = tag.Key == ProtocolTelemetry.ClientNameTag ? tag.Value as string : client;
                message = tag.Key == ProtocolTelemetry.MessageNameTag ? tag.Value as string : message;
                field = tag.Key == ProtocolTelemetry.FieldNameTag ? tag.Value as string : field;
            }

            if (client == _client)
            {
                lock (_seen)
                {
                    _seen.Add((message!, field!, value));
                }
            }
        }
    }
}
