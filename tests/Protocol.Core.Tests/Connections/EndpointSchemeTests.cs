
namespace Protocol.Core.Tests.Connections;

public sealed class EndpointSchemeTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/socket.io/?EIO=4", "ws://127.0.0.1:8080/socket.io/?EIO=4")]
    [InlineData("https://api.example.com/ws/v40", "wss://api.example.com/ws/v40")]
    [InlineData("http://example.com/", "ws://example.com/")]
    [InlineData("https://example.com:8443/x", "wss://example.com:8443/x")]
    [InlineData("wss://example.com/x", "wss://example.com/x")]
    public void Http_and_https_are_taken_as_ws_and_wss_as_the_socket_io_options_take_them(string given, string expected)
        => new ConnectionEndpoint(given).Uri.ToString().ShouldBe(expected);

    [Theory]
    [InlineData("ftp://example.com/")]
    [InlineData("file:///tmp/x")]
    public void Other_schemes_are_refused_with_what_to_use(string given)
    {
        var error = Should.Throw<ArgumentException>(() => new ConnectionEndpoint(given));
        error.Message.ShouldContain("wss://host/path");
    }
}
