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
