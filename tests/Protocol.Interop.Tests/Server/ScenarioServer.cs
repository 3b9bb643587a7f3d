using System.Text.Json;
using Protocol.Server.SocketIO;

namespace Protocol.Interop.Tests.Server;

/// <summary>
/// The C# server both clients are tested against: "/" echoes events and acks (text and binary), asks the client a question
/// with an ack, sends nested and empty buffers, and disconnects on request; "/admin" admits only <c>{"token":"secret"}</c>.
/// </summary>
internal static class ScenarioServer
{
    public static SocketIOServer Create(SocketIOServerOptions? options = null)
    {
        var server = new SocketIOServer(options);
        server.Of("/").OnConnection(static socket =>
        {
            socket.On("echo", static e => e.Socket.EmitAsync("echo-back", Join(e.Arguments), e.Attachments));
            socket.On("ack-me", static e => e.AckAsync(Join(e.Arguments), e.Attachments));
            socket.On("ask-me", static async e =>
            {
                var answer = await e.Socket.EmitWithAckAsync("question", "\"q\"", TimeSpan.FromSeconds(10));
                await e.Socket.EmitAsync("answered", Join(answer.Arguments), answer.Attachments);
            });
            socket.On("send-binary", static e => e.Socket.EmitAsync(
                "bin",
                "{\"nested\":{\"a\":" + SocketIOBinary.Placeholder(0) + ",\"list\":[" + SocketIOBinary.Placeholder(1) + "]}},\"tail\"",
                [new byte[] { 1, 2, 3 }, Array.Empty<byte>()]));
            socket.On("kick", static e => e.Socket.DisconnectAsync());
        });

        server.Of("/admin")
            .Authorize(static request => request.Auth is { } auth
                && auth.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() == "secret"
                    ? SocketIOConnectDecision.Accept
                    : SocketIOConnectDecision.Reject("bad token"))
            .OnConnection(static socket => socket.On("whoami", static e => e.Socket.EmitAsync("you-are", JsonSerializer.Serialize(e.Socket.Namespace))));
        return server;
    }

    // The arguments as the comma-separated JSON the emit takes (placeholders keep their numbers, so attachments pass through).
    private static string Join(IReadOnlyList<JsonElement> arguments) => string.Join(',', arguments.Select(static a => a.GetRawText()));
}
