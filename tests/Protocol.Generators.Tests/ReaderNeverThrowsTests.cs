using System.Text;
using Protocol.Generators.Tests.Fixtures;
using Protocol.Generators.Tests.Infrastructure;

namespace Protocol.Generators.Tests;

/// <summary>
/// Issue #8: a generated reader returns false on malformed input of any kind, never throws (a throw inside a module crashes it, and
/// its inbox drops messages while it restarts). Each case here is a specific input that used to throw or to read wrongly.
/// </summary>
public class ReaderNeverThrowsTests
{
    [Theory]
    [InlineData("""["quote",{"symbol":"\ud83d"}]""")] // the issue's frame: a JavaScript server cut an emoji in half
    [InlineData("""["quote",{"symbol":"\udc00"}]""")]
    [InlineData("""["quote",{"symbol":"ab\ud83dx"}]""")]
    [InlineData("""["quote",{"symbol":"\ud83d\u0041"}]""")]
    [InlineData("""["quote",{"symbol":"\ud83d\ud83d"}]""")]
    [InlineData("""["quote",{"symbol":"X","note":"\udfff"}]""")]
    [InlineData("""["quote",{"symbol":"X","tags":["a","\ud800"]}]""")]
    [InlineData("""["quote",{"symbol":"X","side":"\ud800"}]""")] // enum by name
    [InlineData("""["quote",{"symbol":"X","volume":"\ud8001"}]""")] // number as string
    [InlineData("""["quote",{"\ud83d":1,"symbol":"X"}]""")] // property names too
    [InlineData("""["quote",{"sym\udc00bol":"X"}]""")]
    public void Lone_surrogates_in_names_or_values_make_the_message_unreadable(string payload)
    {
        ReadEvent<Quote>(Encoding.UTF8.GetBytes(payload), out _).ShouldBeFalse();
    }

    [Fact]
    public void Invalid_utf8_in_names_or_values_makes_the_message_unreadable()
    {
        ReadEvent<Quote>(Splice("""["quote",{"symbol":"A#B"}]""", 0xFF), out _).ShouldBeFalse();
        ReadEvent<Quote>(Splice("""["quote",{"symbol":"A#"}]""", 0xC3), out _).ShouldBeFalse(); // a two-byte sequence cut short
        ReadEvent<Quote>(Splice("""["quote",{"symbol":"X","#":1}]""", 0xFE), out _).ShouldBeFalse();
        ReadEvent<Quote>(Splice("""["quote",{"symbol":"X","side":"c#ll"}]""", 0x80), out _).ShouldBeFalse();
    }

    [Fact]
    public void Valid_escapes_still_read_surrogate_pairs_and_escaped_names_included()
    {
        ReadEvent<Quote>("""["quote",{"symbol":"\ud83d\ude00","note":"caf\u00e9"}]"""u8.ToArray(), out var quote).ShouldBeTrue();
        quote!.Symbol.ShouldBe("😀");
        quote.Note.ShouldBe("café");
        ReadEvent<Quote>("""["quote",{"\u0073ymbol":"X","side":"\u0070ut","volume":"\u0031\u0032"}]"""u8.ToArray(), out quote).ShouldBeTrue();
        (quote!.Symbol, quote.Side, quote.Volume).ShouldBe(("X", OrderAction.Put, 12L));
        ReadEvent<Quote>("""["quote",{"symbol":"😀 raw"}]"""u8.ToArray(), out quote).ShouldBeTrue();
        quote!.Symbol.ShouldBe("😀 raw");
    }

    [Theory]
    [InlineData("""{"id":"x",""")]
    [InlineData("""{"id":"x","openTime":tru}""")]
    [InlineData("""{"id":"x" "openTime":"y"}""")]
    [InlineData("""{"id":"x","extra":[1,2,}""")]
    [InlineData("""{"id":"x","amount":01}""")]
    public void Truncated_or_invalid_json_returns_false_through_the_reader_overload(string json)
    {
        // TryRead(ref Utf8JsonReader) is public API (IWireReadable) and is called for nested values: it must not throw either.
        MessageRoundTripTests.TryRead<Deal>(json, out _).ShouldBeFalse();
    }

    [Fact]
    public void Every_layout_returns_false_on_truncated_json()
    {
        MessageRoundTripTests.TryRead<Asset>("""[5,"AAPL",""", out _).ShouldBeFalse();
        MessageRoundTripTests.TryRead<ExpiryTime>("""{"time":1""", out _).ShouldBeFalse();
        MessageRoundTripTests.TryRead<UpdateStream>("""[["EURUSD",1,""", out _).ShouldBeFalse();
        MessageRoundTripTests.TryRead<KeepAlive>("""{"a":[""", out _).ShouldBeFalse();
        MessageRoundTripTests.TryRead<Subfor>("""[""", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""["quote",{"symbol":"X","flags":256}]""")] // byte-backed enum
    [InlineData("""["quote",{"symbol":"X","flags":-1}]""")]
    [InlineData("""["quote",{"symbol":"X","side":4294967297}]""")] // int-backed: used to wrap round to Put
    [InlineData("""["quote",{"symbol":"X","side":"4294967297"}]""")]
    [InlineData("""["quote",{"symbol":"X","volume":"9223372036854775808"}]""")]
    [InlineData("""["quote",{"symbol":"X","price":1e400}]""")]
    [InlineData("""["quote",{"symbol":"X","price":"1e400"}]""")]
    public void Numbers_out_of_range_make_the_message_unreadable(string payload)
    {
        ReadEvent<Quote>(Encoding.UTF8.GetBytes(payload), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""["EURUSD",1e400,1]""")] // found by the property tests: the reader took +Infinity, and the writer then threw
    [InlineData("""["EURUSD",-1e400,1]""")]
    [InlineData("""["EURUSD","1e400",1]""")]
    [InlineData("""["EURUSD",1751882401e4000,1]""")]
    public void Floating_point_numbers_that_overflow_are_unreadable(string json)
    {
        MessageRoundTripTests.TryRead<StreamTick>(json, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""["quote",{"symbol":"X","change":1e39}]""")] // finite as a double, infinite as a float
    [InlineData("""["quote",{"symbol":"X","change":"-1e39"}]""")]
    public void Single_precision_numbers_that_overflow_are_unreadable(string payload)
    {
        ReadEvent<Quote>(Encoding.UTF8.GetBytes(payload), out _).ShouldBeFalse();
    }

    [Fact]
    public void Numbers_in_range_still_read()
    {
        ReadEvent<Quote>("""["quote",{"symbol":"X","flags":2,"side":1,"change":3.4e38}]"""u8.ToArray(), out var quote).ShouldBeTrue();
        (quote!.Flags, quote.Side, quote.Change).ShouldBe((QuoteFlags.Closing, OrderAction.Put, 3.4e38f));
    }

    [Fact]
    public void Readers_over_multi_segment_input_check_text_and_numbers_the_same_way()
    {
        // Two-byte segments put every token across segments (HasValueSequence); 300-character values take the pooled copy.
        var padding = new string('x', 300);
        Segmented<Quote>("""{"symbol":"\ud83d\ude00","volume":"\u0031\u0032","price":1e-2}""", out var quote).ShouldBeTrue();
        (quote!.Symbol, quote.Volume, quote.Price).ShouldBe(("😀", 12L, 0.01m));
        Segmented<Quote>("{\"symbol\":\"" + padding + "\\ud83d\\ude00\"}", out quote).ShouldBeTrue();
        quote!.Symbol.ShouldBe(padding + "😀");
        Segmented<Deal>(MessageRoundTripTests.DealJson, out var deal).ShouldBeTrue();
        deal!.RequestId.ShouldBe("12345"); // a number read as text

        Segmented<Quote>("""{"symbol":"\ud83d"}""", out _).ShouldBeFalse();
        Segmented<Quote>("{\"symbol\":\"" + padding + "\\ud83d\"}", out _).ShouldBeFalse();
        Segmented<Quote>("{\"" + padding + "\\udc00\":1,\"symbol\":\"X\"}", out _).ShouldBeFalse();
        Segmented<Quote>("""{"symbol":"X","price":1""", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_placeholder_with_an_extra_lone_surrogate_key_resolves_as_the_codec_counts_it_and_does_not_throw()
    {
        // The key is data, simply not "_placeholder" or "num": the Socket.IO parser counts this object as placeholder 0,
        // so the view resolves it to the attachment too, and nothing throws on the way.
        ReadOnlyMemory<byte>[] attachments = ["""[["EURUSD_otc",1,1.5]]"""u8.ToArray()];
        var header = """["updateStream",{"\ud800":true,"_placeholder":true,"num":0}]"""u8;
        var view = new MessageView(MessageKind.Event, default, "updateStream"u8, header, EventLayout.Of(header, attachments.Length), attachments, "/"u8);
        UpdateStream.TryRead(view, out var ticks).ShouldBeTrue();
        ticks!.Ticks.Length.ShouldBe(1);
    }

    [Theory]
    [InlineData("profile", """{"action":"profile","zz":tru,"data":{}}""")] // the issue's frame: the envelope itself is malformed
    [InlineData("profile", """{"action":"profile","\ud83d":1,"data":{"name":"x","id":1}}""")]
    [InlineData("profile", """{"action":"profile","data":{"name":"\ud83d","id":1}}""")]
    [InlineData("profile", """{"action":"profile","data":{"name":"x","id":1}""")]
    [InlineData("profile", """{"action":"profile","data":{"name":"x","id":1,"options":[{"name":"o","rate":"\udc00"}]}}""")]
    [InlineData("candles", """{"action":"candles","data":[[1,"1.5"],[2,""")]
    [InlineData("ping", """{"action":"ping","data":{"a":[}}""")]
    [InlineData("status", """{"action":"status","state":"\ud800"}""")]
    [InlineData("status", """{"action":"status","state":"ok","code":1e""")]
    public void Json_action_messages_return_false_on_malformed_envelopes_and_data(string action, string payload)
    {
        JsonActionFixture.Read(action, Encoding.UTF8.GetBytes(payload)).ShouldBeNull();
    }

    [Fact]
    public void Json_action_messages_still_read_valid_frames()
    {
        JsonActionFixture.Read("profile", """{"action":"profile","zz":true,"data":{"name":"x\ud83d\ude00","id":7,"side":"put","options":[{"name":"o","rate":"0.5"}]}}"""u8.ToArray())
            .ShouldBe("""{"name":"x\uD83D\uDE00","id":7,"balance":0,"side":"put","options":[{"name":"o","rate":0.5}],"limit":"0"}""");
        JsonActionFixture.Read("candles", """{"action":"candles","data":[[1,"1.5"],[2,2.5]]}"""u8.ToArray()).ShouldBe("[[1,1.5],[2,2.5]]");
        JsonActionFixture.Read("status", """{"action":"status","state":"ok","code":3}"""u8.ToArray()).ShouldBe("""{"state":"ok","code":3}""");
        JsonActionFixture.Read("ping", """{"action":"ping"}"""u8.ToArray()).ShouldBe("null");
    }

    private static bool Segmented<T>(string json, out T? value)
        where T : IWireReadable<T>
    {
        var reader = new System.Text.Json.Utf8JsonReader(Segments.Split(Encoding.UTF8.GetBytes(json), 2));
        reader.Read();
        return T.TryRead(ref reader, out value);
    }

    private static bool ReadEvent<T>(byte[] payload, out T? value)
        where T : IIncomingMessage<T>
    {
        var view = new MessageView(MessageKind.Event, default, T.WireNameUtf8, payload, EventLayout.Of(payload), scope: "/"u8);
        T.Matches(view).ShouldBeTrue();
        return T.TryRead(view, out value);
    }

    // The payload's UTF-8 with its one '#' replaced by a byte that cannot appear there in valid UTF-8.
    private static byte[] Splice(string payload, byte raw)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        bytes[Array.IndexOf(bytes, (byte)'#')] = raw;
        return bytes;
    }
}
