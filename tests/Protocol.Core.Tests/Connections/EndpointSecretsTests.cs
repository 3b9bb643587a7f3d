using Microsoft.Extensions.Time.Testing;
using Protocol.Core.Tests.Support;
using Protocol.Testing.Clients;
using Protocol.Testing.Logging;
using Protocol.Tests.Network;
using Protocol.JsonActions;

namespace Protocol.Core.Tests.Connections;

// Endpoints are printed in logs, exception messages and ToString; user info, queries and secret path segments never are.
public sealed class EndpointSecretsTests
{
    [Theory]
    [InlineData("ws://trader:PASS@127.0.0.1:1/ws", "local (ws://[redacted]@127.0.0.1:1/ws)")]
    [InlineData("wss://h.example/ws?token=PASS", "h.example (wss://h.example/ws?[redacted])")]
    [InlineData("wss://PASS@h.example:8443/socket.io/?EIO=4&sid=PASS#PASS", "h.example (wss://[redacted]@h.example:8443/socket.io/?[redacted])")]
    [InlineData("wss://h.example/", "h.example (wss://h.example/)")]
    public void ToString_keeps_host_port_and_path_and_redacts_user_info_and_query(string uri, string expected)
    {
        var endpoint = new ConnectionEndpoint(new Uri(uri), uri.Contains("127.0.0.1", StringComparison.Ordinal) ? "local" : null);
        endpoint.ToString().ShouldBe(expected);
        endpoint.ToString().ShouldNotContain("PASS");
    }

    [Fact]
    public void A_platform_can_mark_path_segments_as_secret()
    {
        var endpoint = new ConnectionEndpoint(new Uri("wss://h.example/api/PASS/stream?x=1"), "eu") { SecretPathSegments = [1] };
        endpoint.ToString().ShouldBe("eu (wss://h.example/api/[redacted]/stream?[redacted])");
        endpoint.DisplayUri.ShouldNotContain("PASS");
        endpoint.Uri.AbsolutePath.ShouldBe("/api/PASS/stream"); // the real URI is untouched
    }

    [Fact]
    public void A_secret_segment_index_must_not_be_negative()
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => new ConnectionEndpoint("wss://h.example/a") { SecretPathSegments = [-1] });
        error.Message.ShouldContain("SecretPathSegments");
    }

    [Fact]
    public async Task A_failing_connection_to_a_uri_with_a_password_never_prints_the_password()
    {
        var port = RefusingPort.Next();

        var logs = new CapturingLoggerFactory();
        await using var client = new ClientBuilder<TestState>(new TestState())
            .UseConnection(JsonWebSocketConnection.Factory())
            .AddEndpoint(new ConnectionEndpoint(new Uri($"ws://trader:PASS@127.0.0.1:{port}/ws?token=PASS"), "local"))
            .UseLoggerFactory(logs)
            .UseTimeProvider(new FakeTimeProvider()) // the backoff waits on it, so exactly one attempt is made
            .Build();
        var states = new StateRecorder<TestState>(client);

        await client.ConnectAsync();
        await states.NextAsync(ConnectionState.Reconnecting);

        var failure = await logs.WaitForAsync(e => e.Exception is ConnectionFailedException);
        failure.Exception!.Message.ShouldContain("127.0.0.1");
        logs.All.ShouldAllBe(e => !e.Message.Contains("PASS") && (e.Exception == null || !e.Exception.ToString().Contains("PASS")));
    }
}
