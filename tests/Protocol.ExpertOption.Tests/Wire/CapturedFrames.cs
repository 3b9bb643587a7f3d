using System.Text;
using Protocol;
using Protocol.Infrastructure;
using Protocol.JsonActions;

namespace Protocol.ExpertOption.Tests.Wire;

/// <summary>Delivers a frame through the JSON-action envelope the transport uses, as a text or a binary WebSocket frame.</summary>
internal static class CapturedFrames
{
    public static T Read<T>(string json, bool binary)
        where T : class, IIncomingMessage<T>
    {
        var sink = new Sink<T>();
        JsonActionEnvelope.Deliver(Encoding.UTF8.GetBytes(json), isText: !binary, "action"u8, sink);
        sink.Matched.ShouldBeTrue($"{typeof(T).Name} did not match the frame");
        sink.Value.ShouldNotBeNull($"{typeof(T).Name} matched but could not be read");
        return sink.Value!;
    }

    public static bool Matches<T>(string json)
        where T : class, IIncomingMessage<T>
    {
        var sink = new Sink<T>();
        JsonActionEnvelope.Deliver(Encoding.UTF8.GetBytes(json), isText: true, "action"u8, sink);
        return sink.Matched;
    }

    private sealed class Sink<T> : IMessageSink
        where T : class, IIncomingMessage<T>
    {
        public bool Matched { get; private set; }

        public T? Value { get; private set; }

        public void OnMessage(in MessageView message)
        {
            Matched = T.Matches(message);
            if (Matched && T.TryRead(message, out var value))
            {
                Value = value;
            }
        }

        public void OnDisconnected(DisconnectInfo info)
        {
        }
    }
}
