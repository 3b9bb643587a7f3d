using System.Text;
using Protocol.Testing.Envelopes;
using Protocol.Infrastructure;

namespace Protocol.PocketOption.Tests.Wire;

// Pushes Socket.IO frames through the test kit's real codec (two-step attachments reassembled) and reads the one message they make.
internal static class Frames
{
    public static T Read<T>(params string[] frames)
        where T : IIncomingMessage<T>
    {
        var sink = new Sink<T>();
        using var decoder = FakeEnvelope.SocketIO.CreateDecoder();
        foreach (var frame in frames)
        {
            if (frame.StartsWith("b64:", StringComparison.Ordinal))
            {
                decoder.Decode(Convert.FromBase64String(frame[4..]), false, sink);
            }
            else if (frame.StartsWith("bin:", StringComparison.Ordinal))
            {
                decoder.Decode(Encoding.UTF8.GetBytes(frame[4..]), false, sink);
            }
            else
            {
                decoder.Decode(Encoding.UTF8.GetBytes(frame), true, sink);
            }
        }

        sink.Messages.ShouldBe(1, "the frames should make exactly one message");
        sink.Matched.ShouldBeTrue($"the message should match {typeof(T).Name}");
        sink.Read.ShouldBeTrue($"the message should read as {typeof(T).Name}");
        return sink.Value!;
    }

    // The one-step form 42["name",json] and the two-step form 451-["name",<placeholder>] + the JSON as a binary attachment.
    public static (T OneStep, T TwoStep) ReadBothForms<T>(string name, string json)
        where T : IIncomingMessage<T>
        => (Read<T>($"42[\"{name}\",{json}]"), Read<T>($"451-[\"{name}\",{{\"_placeholder\":true,\"num\":0}}]", "bin:" + json));

    public static bool TryRead<T>(string frame, out T? value)
        where T : IIncomingMessage<T>
    {
        var sink = new Sink<T>();
        using var decoder = FakeEnvelope.SocketIO.CreateDecoder();
        decoder.Decode(Encoding.UTF8.GetBytes(frame), true, sink);
        value = sink.Value;
        return sink.Matched && sink.Read;
    }

    public static string Write<T>(T message)
        where T : IOutgoingMessage
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        message.WriteEnvelope(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class Sink<T> : IMessageSink
        where T : IIncomingMessage<T>
    {
        public int Messages { get; private set; }

        public bool Matched { get; private set; }

        public bool Read { get; private set; }

        public T? Value { get; private set; }

        public void OnMessage(in MessageView message)
        {
            Messages++;
            Matched = T.Matches(message);
            Read = T.TryRead(message, out var value);
            Value = value;
        }

        public void OnDisconnected(DisconnectInfo info)
        {
        }
    }
}
