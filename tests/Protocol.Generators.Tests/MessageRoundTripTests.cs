using Protocol.Tests.Allocations;
using Protocol.Testing;
using Protocol.Generators.Tests.Infrastructure;
using System.Buffers;
using System.Text;
using System.Text.Json;
using Protocol.Generators.Tests.Fixtures;
using Protocol.Infrastructure;

namespace Protocol.Generators.Tests;

/// <summary>The generated serializers against PocketOption's shapes (pocketoption.md §3).</summary>
public class MessageRoundTripTests
{
    // Where measured results go, so the JIT cannot drop (or stack-allocate) an array nothing keeps.
    private static Candle[] KeptResult = [];

    private const string AssetRow = """[5,"AAPL","Apple","stock",2,50,60,30,3,0,170,0,[],1751906100,false,[{"time":60},{"time":120}],-1,60,1751906100]""";

    internal const string DealJson = """
        {"id":"0b4b2a7e-1c1e-4a8f-9a55-3c1f5e8e0e11","openTime":"2025-07-07 10:00:00","closeTime":"2025-07-07 10:01:00",
         "openTimestamp":1751882400,"closeTimestamp":1751882460.5,"refundTime":null,"refundTimestamp":null,"uid":87654321,
         "requestId":12345,"amount":1,"profit":"0.87","openPrice":1.08321,"closePrice":"1.08350","percentProfit":87,"percentLoss":100,
         "command":1,"asset":"EURUSD_otc","isDemo":1,"copyTicket":"","openMs":123,"closeMs":null,"optionType":100,"isRollover":false,
         "isCopySignal":false,"isAI":false,"currency":"USD","amountUsd":1,"amountUSD":1}
        """;

    [Fact]
    public void Outgoing_messages_write_pocketoption_frames_exactly()
    {
        Frame(new ChangeSymbol { Asset = "EURUSD_otc", Period = 60 }).ShouldBe("""42["changeSymbol",{"asset":"EURUSD_otc","period":60}]""");
        Frame(new Subfor { Asset = "EURUSD_otc" }).ShouldBe("""42["subfor","EURUSD_otc"]""");
        Frame(new KeepAlive()).ShouldBe("""42["ps"]""");
        Frame(new OpenOrder { Asset = "EURUSD_otc", Action = OrderAction.Call, Amount = 1.0m, IsDemo = 1, RequestId = "5d1c", Time = 60 })
            .ShouldBe("""42["openOrder",{"asset":"EURUSD_otc","action":"call","amount":1.0,"isDemo":1,"optionType":100,"requestId":"5d1c","time":60}]""");
        Frame(new OpenPendingOrder { OpenType = 1, Amount = 1.5m, Asset = "EURUSD", OpenTime = "10:00", OpenPrice = 1.0832m, Timeframe = 60, MinPayout = 80, Command = 0 })
            .ShouldBe("""42["openPendingOrder",{"openType":1,"amount":"1.5","asset":"EURUSD","openTime":"10:00","openPrice":"1.0832","timeframe":60,"minPayout":80,"command":0}]""");
        ChangeSymbol.WireName.ShouldBe("changeSymbol");
    }

    [Fact]
    public void Ssid_object_reads_with_alias_numeric_string_uid_and_defaults_and_writes_the_auth_frame()
    {
        var demo = Read<AuthMessage>("""{"session":"abcdefghijkl","isDemo":1,"uid":"123","platform":2,"isFastHistory":true,"isOptimized":true}""");
        demo.Session.ShouldBe("abcdefghijkl");
        demo.Uid.ShouldBe(123);
        demo.IsDemo.ShouldBe(1);
        demo.IsFastHistory.ShouldBe(true);
        Frame(demo).ShouldBe("""42["auth",{"session":"abcdefghijkl","isDemo":1,"uid":123,"platform":2,"isFastHistory":true,"isOptimized":true}]""");

        const string php = "a:4:{s:10:\\\"session_id\\\";s:32:\\\"x\\\";}0123456789abcdef0123456789abcdef";
        var real = Read<AuthMessage>("{\"sessionToken\":\"" + php + "\",\"uid\":7,\"extra\":{\"a\":[1,2]},\"currentUrl\":\"cabinet/demo-quick-high-low\"}");
        real.Session.ShouldBe("a:4:{s:10:\"session_id\";s:32:\"x\";}0123456789abcdef0123456789abcdef");
        real.IsDemo.ShouldBe(0);
        real.Platform.ShouldBe(0);
        real.CurrentUrl.ShouldBe("cabinet/demo-quick-high-low");
        Frame(real).ShouldBe("42[\"auth\",{\"session\":\"" + php + "\",\"isDemo\":0,\"uid\":7,\"platform\":0,\"currentUrl\":\"cabinet/demo-quick-high-low\"}]");

        TryRead<AuthMessage>("""{"isDemo":1,"uid":1}""", out _).ShouldBeFalse("session is required");
    }

    [Fact]
    public void Asset_rows_read_as_19_element_arrays_and_round_trip()
    {
        var assets = ReadEvent<UpdateAssets>("[\"updateAssets\",[" + AssetRow + "," + AssetRow.Replace("\"AAPL\"", "\"#AAPL_otc\"").Replace(",0,170,", ",1,170,") + "]]");
        assets.Assets.Length.ShouldBe(2);
        var a = assets.Assets[0];
        (a.Id, a.Symbol, a.Name, a.Type, a.Payout, a.IsOtc, a.IsActive, a.Unknown13).ShouldBe((5, "AAPL", "Apple", AssetType.Stock, 50, 0, false, 1751906100L));
        a.AllowedExpiries.Select(e => e.Time).ShouldBe([60, 120]);
        assets.Assets[1].IsOtc.ShouldBe(1);

        var json = Json(assets);
        json.ShouldStartWith("[" + AssetRow);
        var again = Read<UpdateAssets>(json);
        again.Assets.Select(x => x.Symbol).ShouldBe(["AAPL", "#AAPL_otc"]);

        TryRead<Asset>("[5,\"AAPL\",\"Apple\",\"stock\"]", out _).ShouldBeFalse("rows must have exactly 19 elements");
        TryRead<Asset>(AssetRow.Replace("\"stock\"", "\"cryptocurrency\""), out var crypto).ShouldBeTrue();
        crypto!.Type.ShouldBe(AssetType.Crypto);
    }

    [Fact]
    public void Candles_read_positionally_close_before_high_and_low()
    {
        var history = Read<UpdateHistory>("""{"asset":"EURUSD_otc","period":60,"candles":[[1751882400,1.1,1.3,1.4,1.0],[1751882460,"1.3","1.2","1.5","1.1",0]],"history":[[1751882400.5,1.2]]}""");
        history.Candles!.Count.ShouldBe(2);
        var c = history.Candles[0];
        (c.Time, c.Open, c.Close, c.High, c.Low).ShouldBe((1751882400d, 1.1m, 1.3m, 1.4m, 1.0m));
        history.Candles[1].High.ShouldBe(1.5m);
        history.History!.Single().Price.ShouldBe(1.2m);
        Json(history).ShouldBe("""{"asset":"EURUSD_otc","period":60,"history":[[1751882400.5,1.2]],"candles":[[1751882400,1.1,1.3,1.4,1.0],[1751882460,1.3,1.2,1.5,1.1]]}""");

        var withoutOptional = Read<UpdateHistory>("""{"asset":"X","period":5}""");
        withoutOptional.Candles.ShouldBeNull();
        Json(withoutOptional).ShouldBe("""{"asset":"X","period":5}""");
    }

    [Fact]
    public void Stream_ticks_read_one_and_two_step_alike()
    {
        var payload = """["updateStream",[["EURUSD_otc",1770856131.3,1.19537]]]""";
        var oneStep = ReadEvent<UpdateStream>(payload);
        oneStep.Ticks.Single().ShouldBe(new StreamTick { Symbol = "EURUSD_otc", Time = 1770856131.3, Price = 1.19537m });

        // Two-step: the header carries a placeholder, the attachment the JSON.
        ReadOnlyMemory<byte>[] attachments = [Encoding.UTF8.GetBytes("""[["EURUSD_otc",1770856131.3,1.19537]]""")];
        var header = Encoding.UTF8.GetBytes("""["updateStream",{"_placeholder":true,"num":0}]""");
        var view = new MessageView(MessageKind.Event, default, "updateStream"u8, header, EventLayout.Of(header, attachments.Length), attachments, "/"u8);
        UpdateStream.Matches(view).ShouldBeTrue();
        UpdateStream.TryRead(view, out var twoStep).ShouldBeTrue();
        twoStep!.Ticks.Single().ShouldBe(oneStep.Ticks[0]);

        Json(oneStep).ShouldBe("""[["EURUSD_otc",1770856131.3,1.19537]]""");
        TryRead<StreamTick>("""["EURUSD_otc",1]""", out _).ShouldBeFalse("a tick is exactly [symbol, time, price]");
    }

    [Theory]
    [InlineData("""["EURUSD_otc",1]""", "one element short")]
    [InlineData("""["EURUSD_otc",1,2,3]""", "one element over")]
    [InlineData("""["EURUSD_otc",1,2,[3,4]]""", "an array element over")]
    [InlineData("[]", "empty")]
    [InlineData("""{"symbol":"EURUSD_otc"}""", "an object, not a row")]
    [InlineData("""["EURUSD_otc",1,2""", "cut off before the end")]
    public void A_row_of_declared_length_refuses_any_other_count(string json, string why)
    {
        TryRead<StreamTick>(json, out _).ShouldBeFalse(why);
        Read<StreamTick>("""["EURUSD_otc",1,2]""").ShouldBe(new StreamTick { Symbol = "EURUSD_otc", Time = 1, Price = 2 });
    }

    [Fact]
    public void A_row_of_declared_length_skips_the_positions_no_member_declares()
    {
        var row = Read<GappedRow>("""[7,{"x":[1,2]},"third",[null]]""");
        row.First.ShouldBe(7);
        row.Third.ShouldBe("third");
        Json(row).ShouldBe("""[7,null,"third",null]""");
        Read<GappedRow>(Json(row)).ShouldBe(row);
        TryRead<GappedRow>("""[7,{"x":[1,2]},"third"]""", out _).ShouldBeFalse("the fourth element is missing");
        TryRead<GappedRow>("""[7,{"x":[1,2},"third",null]""", out _).ShouldBeFalse("a skipped element is malformed");
    }

    [Fact]
    public void Deals_read_numbers_as_strings_or_numbers_and_skip_unknown_fields()
    {
        var deals = ReadEvent<UpdateOpenedDeals>("[\"updateOpenedDeals\",[" + DealJson + "]]");
        var d = deals.Deals.Single();
        d.RequestId.ShouldBe("12345");
        d.Profit.ShouldBe(0.87m);
        d.Amount.ShouldBe(1m);
        d.ClosePrice.ShouldBe(1.08350m);
        d.Command.ShouldBe(OrderAction.Put);
        d.CloseMs.ShouldBeNull();
        d.IsAI.ShouldBe(false);
        d.AmountUsd.ShouldBe(1m);
        d.AmountUsdUpper.ShouldBe(1m);
        d.CloseTimestamp.ShouldBe(1751882460.5);

        var close = Read<SuccessCloseOrder>("{\"profit\":\"0.87\",\"deals\":[" + DealJson + "," + DealJson + "]}");
        close.Deals.Count.ShouldBe(2);
        var again = Read<SuccessCloseOrder>(Json(close));
        again.Profit.ShouldBe(0.87m);
        again.Deals[1].Id.ShouldBe(d.Id);
        again.Deals[1].OpenPrice.ShouldBe(1.08321m);
    }

    [Fact]
    public void Names_that_need_escaping_go_out_as_the_writer_escaped_them_before_and_read_back()
    {
        var value = new EscapedNames { Price = "€1", Quoted = 7, Html = true, Key = "значение", Tab = -3, Emoji = 1.5, Mood = Mood.Bad, Control = 2.5m };

        // Before the shared class: each name written as a UTF-8 literal, escaped by the writer with the frames' encoder.
        var expected = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(expected, WireJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("prix€"u8);
            writer.WriteStringValue("€1");
            writer.WritePropertyName("say \"hi\""u8);
            writer.WriteNumberValue(7);
            writer.WritePropertyName("<b>&'+"u8);
            writer.WriteBooleanValue(true);
            writer.WritePropertyName("ключ"u8);
            writer.WriteStringValue("значение");
            writer.WritePropertyName("tab\there\\"u8);
            writer.WriteNumberValue(-3L);
            writer.WritePropertyName("emoji😀"u8);
            writer.WriteNumberValue(1.5);
            writer.WritePropertyName("snake_case.dot"u8);
            writer.WriteStringValue("<bad> & \"worse\""u8);
            writer.WritePropertyName("\u007f\u2028"u8);
            writer.WriteNumberValue(2.5m);
            writer.WriteEndObject();
        }

        var json = Json(value);
        json.ShouldBe(Encoding.UTF8.GetString(expected.WrittenSpan));
        json.ShouldContain("say \\\"hi\\\"");   // the quote is escaped, the rest goes out as the relaxed encoder leaves it
        json.ShouldContain("\"prix€\"");

        var back = Read<EscapedNames>(json);
        back.Price.ShouldBe("€1");
        back.Quoted.ShouldBe(7);
        back.Html.ShouldBeTrue();
        back.Key.ShouldBe("значение");
        back.Tab.ShouldBe(-3);
        back.Emoji.ShouldBe(1.5);
        back.Mood.ShouldBe(Mood.Bad);
        back.Control.ShouldBe(2.5m);
        Read<EscapedNames>(Json(new EscapedNames { Mood = Mood.Good })).Mood.ShouldBe(Mood.Good);
    }

    [Fact]
    public void Rules_match_the_name_and_kind_only()
    {
        var payload = """["successupdateBalance",{"balance":"100.5","isDemo":1}]"""u8;
        var view = new MessageView(MessageKind.Event, default, "successupdateBalance"u8, payload, EventLayout.Of(payload), scope: "/"u8);
        BalanceUpdate.Matches(view).ShouldBeTrue();
        UpdateStream.Matches(view).ShouldBeFalse();
        BalanceUpdate.Matches(new MessageView(MessageKind.Action, default, "successupdateBalance"u8, payload)).ShouldBeFalse();
        BalanceUpdate.TryRead(view, out var balance).ShouldBeTrue();
        balance.Balance.ShouldBe(100.5m);

        var cut = """["successupdateBalance",{"balance":1"""u8;
        var truncated = new MessageView(MessageKind.Event, default, "successupdateBalance"u8, cut, EventLayout.Of(cut), scope: "/"u8);
        BalanceUpdate.TryRead(truncated, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Readers_allocate_nothing_beyond_the_value_they_return()
    {
        var json = """{"balance":"1234.56","isDemo":1,"uid":99,"extra":{"a":[1,2,{"b":"c"}]},"more":"x"}"""u8.ToArray();
        var candles = """[[1751882400,1.1,1.3,1.4,1.0],[1751882460,"1.3","1.2","1.5","1.1"]]"""u8.ToArray();

        // Rounds on a thread of their own, asserted on the least (see AllocationRounds): a per-read allocation shows in
        // every round, a one-time cost of a loaded test process in one.
        var structs = await AllocationRounds.MeasureAsync(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                ReadStruct(json);
            }
        }, 5).WithSafetyNet(AllocationRounds.Limit);
        structs.Min().ShouldBe(0, $"a struct message with numeric members reads without allocating (bytes per round: {AllocationRounds.Describe(structs)})");

        // An array reader allocates exactly its result: pooled growth, one exact-size array.
        var arrays = await AllocationRounds.MeasureAsync(() => KeptResult = ReadCandles(candles), 5).WithSafetyNet(AllocationRounds.Limit);
        var exact = await AllocationRounds.MeasureAsync(() => KeptResult = new Candle[2], 5).WithSafetyNet(AllocationRounds.Limit);
        arrays.Min().ShouldBe(exact.Min(), $"bytes per round: {AllocationRounds.Describe(arrays)} against an exact array's {AllocationRounds.Describe(exact)}");
        KeptResult.Length.ShouldBe(2);

        static void ReadStruct(byte[] json)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            BalanceUpdate.TryRead(ref reader, out var value).ShouldBeTrue();
            if (value.Balance != 1234.56m)
            {
                throw new InvalidOperationException("wrong value");
            }
        }

        static Candle[] ReadCandles(byte[] json)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            var builder = default(WireJson.ArrayBuilder<Candle>);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!Candle.TryRead(ref reader, out var candle))
                {
                    throw new InvalidOperationException("candle");
                }

                builder.Add(candle);
            }

            return builder.ToArrayAndReturn();
        }
    }

    internal static string Frame(IOutgoingMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        message.WriteEnvelope(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static string Json(IWireWritable value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            value.WriteJson(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Member_names_of_equal_length_each_find_their_own_member_and_an_unknown_one_of_that_length_is_skipped()
    {
        // amountUsd and amountUSD (and requestId, openPrice, closeTime) share a length: the lookup compares bytes within a length,
        // so each value lands in its own member, case matters, and "amountXYZ" (same length, no member) is skipped.
        var json = MessageRoundTripTests.DealJson
            .Replace("\"amountUsd\":1,\"amountUSD\":1", "\"amountXYZ\":[1,{\"a\":2}],\"amountUSD\":2.5,\"amountUsd\":1.5", StringComparison.Ordinal);
        json.ShouldContain("amountXYZ");
        var deal = Read<Deal>(json);
        deal.AmountUsd.ShouldBe(1.5m);
        deal.AmountUsdUpper.ShouldBe(2.5m);
        deal.RequestId.ShouldBe("12345");
        deal.CloseTime.ShouldBe("2025-07-07 10:01:00");

        // The same names escaped go the unescaping way and land in the same members.
        var escaped = json.Replace("\"amountUSD\"", "\"amount\\u0055SD\"", StringComparison.Ordinal).Replace("\"amountUsd\"", "\"\\u0061mountUsd\"", StringComparison.Ordinal);
        escaped.ShouldContain("\\u0055SD");
        var again = Read<Deal>(escaped);
        again.AmountUsd.ShouldBe(1.5m);
        again.AmountUsdUpper.ShouldBe(2.5m);
    }

    internal static T Read<T>(string json)
        where T : IWireReadable<T>
    {
        TryRead<T>(json, out var value).ShouldBeTrue(json);
        return value!;
    }

    internal static bool TryRead<T>(string json, out T? value)
        where T : IWireReadable<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return T.TryRead(ref reader, out value);
    }

    private static T ReadEvent<T>(string payload)
        where T : IIncomingMessage<T>
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var view = new MessageView(MessageKind.Event, default, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(T.WireNameUtf8)), bytes, EventLayout.Of(bytes), scope: "/"u8);
        T.Matches(view).ShouldBeTrue();
        T.TryRead(view, out var value).ShouldBeTrue(payload);
        return value!;
    }
}
