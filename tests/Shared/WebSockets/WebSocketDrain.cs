using System.Net.WebSockets;

namespace Protocol.Tests.WebSockets;

// The server side of a send test: reads whole messages off a socket without keeping them, until a count or a close.
internal static class WebSocketDrain
{
    public static async Task<int> CountMessagesAsync(WebSocket socket, int messages)
    {
        var buffer = new byte[64 * 1024];
        var count = 0;
        while (count < messages)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            count += result.EndOfMessage ? 1 : 0;
        }

        return count;
    }
}
