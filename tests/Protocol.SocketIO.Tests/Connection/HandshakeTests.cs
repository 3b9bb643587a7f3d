using System.Text;

namespace Protocol.SocketIO.Tests.Connection;

public sealed class HandshakeTests
{
    private static EngineHandshake Parse(string json) => EngineHandshake.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parses_the_observed_open_packet()
    {
        var h = Parse("{\"sid\":\"veHXeuorp-NUNjXYAAAA\",\"upgrades\":[],\"pingInterval\":700,\"pingTimeout\":500,\"maxPayload\":1000000}");
        h.Sid.ShouldBe("veHXeuorp-NUNjXYAAAA");
        h.Upgrades.ShouldBeEmpty();
        h.PingInterval.ShouldBe(TimeSpan.FromMilliseconds(700));
        h.PingTimeout.ShouldBe(TimeSpan.FromMilliseconds(500));
        h.MaxPayload.ShouldBe(1_000_000);
    }

    [Fact]
    public void Accepts_numbers_sent_as_strings_and_unknown_keys()
    {
        var h = Parse("{\"extra\":{\"a\":[1,2]},\"sid\":\"x\",\"upgrades\":[\"websocket\"],\"pingInterval\":\"25000\",\"pingTimeout\":\"20000\",\"maxPayload\":\"1000000\"}");
        h.PingInterval.ShouldBe(TimeSpan.FromSeconds(25));
        h.PingTimeout.ShouldBe(TimeSpan.FromSeconds(20));
        h.MaxPayload.ShouldBe(1_000_000);
        h.Upgrades.ShouldBe(["websocket"]);
    }

    [Fact]
    public void Missing_timings_take_engine_io_defaults()
    {
        var h = Parse("{\"sid\":\"x\"}");
        h.PingInterval.ShouldBe(EngineHandshake.DefaultPingInterval);
        h.PingTimeout.ShouldBe(EngineHandshake.DefaultPingTimeout);
        h.MaxPayload.ShouldBe(EngineHandshake.DefaultMaxPayload);
    }

    [Theory]
    [InlineData("{\"upgrades\":[]}", "sid")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"sid\":\"x\"", "not valid JSON")]
    [InlineData("{\"sid\":\"x\"} x", "not valid JSON")]
    [InlineData("{\"sid\":\"x\",\"pingInterval\":-5}", "pingInterval")]
    [InlineData("{\"sid\":\"x\",\"pingTimeout\":\"soon\"}", "pingTimeout")]
    [InlineData("{\"sid\":\"x\",\"maxPayload\":true}", "maxPayload")]
    [InlineData("{\"sid\":7}", "sid")]
    public void Rejects_bad_open_packets_with_a_typed_exception(string json, string mentions)
    {
        var ex = Should.Throw<SocketIOHandshakeException>(() => Parse(json));
        ex.Message.ShouldContain(mentions);
    }

    [Theory]
    [InlineData("{\"sid\":\"\\ud800\"}", "\"sid\"")]
    [InlineData("{\"sid\":\"ab\\udc00\"}", "\"sid\"")]
    [InlineData("{\"sid\":\"x\",\"upgrades\":[\"websocket\",\"\\ud800\\ud800\"]}", "\"upgrades\"")]
    public void Rejects_a_sid_or_upgrade_that_is_not_valid_unicode(string json, string mentions)
    {
        var ex = Should.Throw<SocketIOHandshakeException>(() => Parse(json));
        ex.Message.ShouldContain(mentions);
        ex.Message.ShouldContain("not valid Unicode");
    }

    [Theory]
    [InlineData("{\"sid\":\"", "\"}")]
    [InlineData("{\"sid\":\"x\",\"upgrades\":[\"", "\"]}")]
    [InlineData("{\"", "\":1,\"sid\":\"x\"}")]
    public void Rejects_invalid_utf8_anywhere_in_the_open_packet(string before, string after)
    {
        byte[] json = [.. Encoding.UTF8.GetBytes(before), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(after)];
        Should.Throw<SocketIOHandshakeException>(() => EngineHandshake.Parse(json)).Message.ShouldContain("UTF-8");
    }

    [Fact]
    public void A_key_that_is_not_valid_unicode_is_an_unknown_key()
    {
        var h = Parse("{\"\\ud800\":1,\"sid\":\"x\",\"\\udc00\":[\"\\ud800\"]}");
        h.Sid.ShouldBe("x");
    }

    [Theory]
    [InlineData("pingInterval", "2147483648")]
    [InlineData("pingInterval", "4294967295")]
    [InlineData("pingTimeout", "4294967295")]
    [InlineData("pingTimeout", "9007199254740992")]
    [InlineData("pingInterval", "9007199254740992")]
    [InlineData("pingInterval", "9223372036854775807")]
    [InlineData("pingTimeout", "1e300")]
    [InlineData("pingInterval", "\"99999999999999999999999\"")]
    public void Rejects_timings_beyond_what_a_timer_can_wait(string name, string value)
    {
        var ex = Should.Throw<SocketIOHandshakeException>(() => Parse($"{{\"sid\":\"x\",\"{name}\":{value}}}"));
        ex.Message.ShouldContain(name);
        ex.Message.ShouldContain("2147483647");
    }

    [Fact]
    public void Accepts_the_longest_timings_a_timer_can_wait()
    {
        var h = Parse("{\"sid\":\"x\",\"pingInterval\":2147483647,\"pingTimeout\":2147483647}");
        h.PingInterval.ShouldBe(TimeSpan.FromMilliseconds(int.MaxValue));
        h.PingTimeout.ShouldBe(TimeSpan.FromMilliseconds(int.MaxValue));
    }

    [Fact]
    public void Clamps_a_huge_max_payload_to_the_largest_frame_dotnet_can_hold()
    {
        Parse("{\"sid\":\"x\",\"maxPayload\":9007199254740992}").MaxPayload.ShouldBe(int.MaxValue);
    }

    [Theory]
    [InlineData("http://127.0.0.1:3000", "ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket")]
    [InlineData("https://example.com", "wss://example.com/socket.io/?EIO=4&transport=websocket")]
    [InlineData("wss://api-eu.po.market/socket.io/?EIO=4&transport=websocket", "wss://api-eu.po.market/socket.io/?EIO=4&transport=websocket")]
    [InlineData("http://h:1/?token=a%20b&EIO=3&transport=polling", "ws://h:1/socket.io/?token=a%20b&EIO=4&transport=websocket")]
    [InlineData("https://h/custom/path/", "wss://h/custom/path/?EIO=4&transport=websocket")]
    public void Builds_the_websocket_url(string server, string expected) =>
        SocketIOUrl.Build(new Uri(server)).AbsoluteUri.ShouldBe(expected);

    [Fact]
    public void Keeps_user_query_parameters_escaped()
    {
        var uri = SocketIOUrl.Build(new Uri("http://h/"), query: [new("room", "a&b"), new("v", "1")]);
        uri.Query.ShouldBe("?room=a%26b&v=1&EIO=4&transport=websocket");
    }

    [Theory]
    [InlineData("ftp://h/")]
    [InlineData("/relative")]
    public void Rejects_unusable_addresses(string server) =>
        Should.Throw<ArgumentException>(() => SocketIOUrl.Build(new Uri(server, UriKind.RelativeOrAbsolute)));
}
