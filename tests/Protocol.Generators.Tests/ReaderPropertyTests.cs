using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CsCheck;
using Protocol.Tests.Properties;
using Protocol.Generators.Tests.Fixtures;
using Protocol.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Protocol.Generators.Tests;

/// <summary>
/// Property tests (issue #8): every generated reader of the fixtures, fed valid frames (the round-trip tests' inputs) after one to four
/// byte-level mutations, returns true or false and never throws; whatever it accepts, its writer writes and it reads back the same.
/// Fixed seeds and iteration counts (see <see cref="Property"/>), about 10 s in all.
/// </summary>
public class ReaderPropertyTests(ITestOutputHelper output)
{
    private static readonly Target[] Events =
    [
        Event<AuthMessage>("""["auth",{"session":"abcdefghijkl","isDemo":1,"uid":"123","platform":2,"isFastHistory":true,"isOptimized":true,"currentUrl":"x"}]"""),
        Event<ChangeSymbol>("""["changeSymbol",{"asset":"EURUSD_otc","period":60}]"""),
        Event<Subfor>("""["subfor","EURUSD_otc"]"""),
        Event<KeepAlive>("""["ps"]"""),
        Event<OpenOrder>("""["openOrder",{"asset":"EURUSD_otc","action":"call","amount":1.0,"isDemo":1,"optionType":100,"requestId":"5d1c","time":60}]"""),
        Event<OpenPendingOrder>("""["openPendingOrder",{"openType":1,"amount":"1.5","asset":"EURUSD","openTime":"10:00","openPrice":"1.0832","timeframe":60,"minPayout":80,"command":0}]"""),
        Event<UpdateAssets>("[\"updateAssets\",[" + AssetRow + "]]"),
        Event<UpdateHistory>("""["updateHistoryNewFast",{"asset":"EURUSD_otc","period":60,"candles":[[1751882400,1.1,1.3,1.4,1.0],[1751882460,"1.3","1.2","1.5","1.1",0]],"history":[[1751882400.5,1.2]]}]"""),
        Event<UpdateStream>("""["updateStream",[["EURUSD_otc",1770856131.3,1.19537]]]"""),
        Event<UpdateOpenedDeals>("[\"updateOpenedDeals\",[" + MessageRoundTripTests.DealJson + "]]"),
        Event<SuccessCloseOrder>("[\"successcloseOrder\",{\"profit\":\"0.87\",\"deals\":[" + MessageRoundTripTests.DealJson + "]}]"),
        Event<BalanceUpdate>("""["successupdateBalance",{"balance":"100.5","isDemo":1}]"""),
        Event<SuccessOpenOrder>("[\"successopenOrder\"," + MessageRoundTripTests.DealJson + "]"),
        Event<FailOpenOrder>("""["failopenOrder",{"error":"Not enough money","amount":1,"asset":"EURUSD_otc"}]"""),
        Event<Quote>("""["quote",{"symbol":"\ud83d\ude00X","price":"1.5","side":"put","flags":2,"volume":"12","note":"caf\u00e9","tags":["a","b"]}]"""),
        Value<Deal>(MessageRoundTripTests.DealJson),
        Value<Asset>(AssetRow),
        Value<Candle>("[1751882400,1.1,1.3,1.4,1.0]"),
        Value<HistoryPoint>("[1751882400.5,1.2]"),
        Value<ExpiryTime>("""{"time":60}"""),
        Value<StreamTick>("""["EURUSD_otc",1770856131.3,1.19537]"""),
    ];

    private static readonly Target[] Actions =
    [
        Action("profile", """{"action":"profile","zz":true,"data":{"name":"x","id":7,"balance":"1.5","side":"put","demo":true,"rates":[1.5,2],"options":[{"name":"o","rate":"0.5"}],"limit":"10"}}"""),
        Action("candles", """{"action":"candles","data":[[1,"1.5"],[2,2.5]]}"""),
        Action("ping", """{"action":"ping","data":{}}"""),
        Action("status", """{"action":"status","state":"ok","code":3}"""),
    ];

    // Two-step messages: the header is fixed, the mutations hit the attachment that carries the JSON.
    private static readonly Target[] Attachments =
    [
        Attachment<UpdateStream>("""[["EURUSD_otc",1770856131.3,1.19537],["#AAPL",1770856132,"1.5"]]"""),
        Attachment<UpdateOpenedDeals>("[" + MessageRoundTripTests.DealJson + "]"),
        Attachment<SuccessOpenOrder>(MessageRoundTripTests.DealJson),
    ];

    private static readonly SegmentTarget[] Segmentable =
    [
        Segmented<Deal>(MessageRoundTripTests.DealJson),
        Segmented<Asset>(AssetRow),
        Segmented<Candle>("[1751882400,1.1,1.3,1.4,1.0]"),
        Segmented<StreamTick>("""["EURUSD_otc",1770856131.3,1.19537]"""),
        Segmented<Quote>("""{"symbol":"\ud83d\ude00X","price":"1.5","side":"put","flags":2,"volume":"12","change":-0.5,"note":"caf\u00e9","tags":["a","b"]}"""),
    ];

    private const string AssetRow = """[5,"AAPL","Apple","stock",2,50,60,30,3,0,170,0,[],1751906100,false,[{"time":60},{"time":120}],-1,60,1751906100]""";

    [Fact]
    public void Every_seed_frame_reads_before_mutation()
    {
        // Otherwise the properties below would mutate frames that never read, and test only the first few bytes of each reader.
        foreach (var target in Events.Concat(Actions).Concat(Attachments))
        {
            target.Read(Encoding.UTF8.GetBytes(target.Frame)).ShouldBeTrue(target.Name);
        }
    }

    [Fact]
    public void Socket_io_messages_and_wire_types_never_throw_on_mutated_frames() => Run(Events, "issue8events", 250_000);

    [Fact]
    public void Json_action_messages_never_throw_on_mutated_frames() => Run(Actions, "issue8action", 100_000);

    [Fact]
    public void Two_step_attachments_never_throw_when_mutated() => Run(Attachments, "issue8attach", 50_000);

    [Fact]
    public void Wire_types_read_multi_segment_input_exactly_as_contiguous_input()
    {
        // A differential property: split into 1-7 byte segments (every token may span segments), the mutated frame gets the same
        // verdict and, when read, the same value as the contiguous one.
        var frames = Segmentable.Select(t => Encoding.UTF8.GetBytes(t.Frame)).ToArray();
        var gen = Gen.Select(Gen.Int[0, Segmentable.Length - 1], FrameMutation.Plan, Gen.Int[1, 7]);
        Property.ForAll(
            gen,
            "issue8segmnt",
            60_000,
            input =>
            {
                var bytes = FrameMutation.ApplyAll(frames[input.Item1], input.Item2);
                Segmentable[input.Item1].Compare(bytes, input.Item3);
            },
            input => $"{Segmentable[input.Item1].Name} in {input.Item3}-byte segments after [{string.Join(", ", input.Item2)}]: {Show(FrameMutation.ApplyAll(frames[input.Item1], input.Item2))}");
    }

    private void Run(Target[] targets, string seed, int iterations)
    {
        var frames = targets.Select(t => Encoding.UTF8.GetBytes(t.Frame)).ToArray();
        var gen = Gen.Select(Gen.Int[0, targets.Length - 1], FrameMutation.Plan);
        var read = 0;
        var clock = Stopwatch.StartNew();
        Property.ForAll(
            gen,
            seed,
            iterations,
            input =>
            {
                // Any exception (from the reader or the round trip) fails the property; true and false are both fine.
                if (targets[input.Item1].Read(FrameMutation.ApplyAll(frames[input.Item1], input.Item2)))
                {
                    read++;
                }
            },
            input => $"{targets[input.Item1].Name} after [{string.Join(", ", input.Item2)}]: {Show(FrameMutation.ApplyAll(frames[input.Item1], input.Item2))}");
        output.WriteLine($"seed {seed}: {iterations} mutated frames, {read} still read, {clock.ElapsedMilliseconds} ms");
    }

    private static string Show(byte[] bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"<{b:X2}>");
        }

        return text.ToString();
    }

    private static Target Event<T>(string payload)
        where T : IIncomingMessage<T>, IWireWritable =>
        new(typeof(T).Name, payload, bytes =>
        {
            var view = new MessageView(MessageKind.Event, default, T.WireNameUtf8, bytes, EventLayout.Of(bytes), scope: "/"u8);
            return T.TryRead(view, out var value) && RoundTrips(value);
        });

    private static Target Attachment<T>(string attachment)
        where T : IIncomingMessage<T>, IWireWritable =>
        new(typeof(T).Name + " (two-step)", attachment, bytes =>
        {
            ReadOnlyMemory<byte>[] attachments = [bytes];
            var header = Encoding.UTF8.GetBytes("[\"" + Encoding.UTF8.GetString(T.WireNameUtf8) + "\",{\"_placeholder\":true,\"num\":0}]");
            var view = new MessageView(MessageKind.Event, default, T.WireNameUtf8, header, EventLayout.Of(header, attachments.Length), attachments, "/"u8);
            return T.TryRead(view, out var value) && RoundTrips(value);
        });

    private static Target Value<T>(string json)
        where T : IWireReadable<T>, IWireWritable =>
        new(typeof(T).Name, json, bytes =>
        {
            var reader = new Utf8JsonReader(bytes);
            try
            {
                // Positioning the reader on the first token is the caller's part of the contract, not the generated reader's.
                if (!reader.Read())
                {
                    return false;
                }
            }
            catch (JsonException)
            {
                return false;
            }

            return T.TryRead(ref reader, out var value) && RoundTrips(value);
        });

    private static SegmentTarget Segmented<T>(string json)
        where T : IWireReadable<T>, IWireWritable =>
        new(typeof(T).Name, json, (bytes, size) =>
        {
            var contiguous = ReadWhole<T>(new Utf8JsonReader(bytes));
            var segmented = ReadWhole<T>(new Utf8JsonReader(Segments.Split(bytes, size)));
            segmented.ShouldBe(contiguous);
        });

    // The verdict and what was read (as the writer writes it), or null when the reader refused it; positioning is the caller's part.
    private static string? ReadWhole<T>(Utf8JsonReader reader)
        where T : IWireReadable<T>, IWireWritable
    {
        try
        {
            if (!reader.Read())
            {
                return null;
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return T.TryRead(ref reader, out var value) ? MessageRoundTripTests.Json(value) : null;
    }

    private static Target Action(string action, string payload) => new(action + " (JSON action)", payload, bytes => JsonActionFixture.Read(action, bytes) is not null);

    // Whatever a reader accepted, its writer writes as JSON that the reader accepts again and writes identically.
    private static bool RoundTrips<T>(T value)
        where T : IWireReadable<T>, IWireWritable
    {
        var first = MessageRoundTripTests.Json(value);
        MessageRoundTripTests.TryRead<T>(first, out var again).ShouldBeTrue(first);
        MessageRoundTripTests.Json(again!).ShouldBe(first);
        return true;
    }

    private sealed record Target(string Name, string Frame, Func<byte[], bool> Read);

    private sealed record SegmentTarget(string Name, string Frame, Action<byte[], int> Compare);
}
