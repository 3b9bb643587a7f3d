using System.Buffers;
using System.Text;
using Protocol.Testing.Envelopes;
using Protocol.Infrastructure;

namespace Protocol.PocketOption.Tests.Trading;

/// <summary>Reads PocketOption frames the way the client receives them (the test kit's Socket.IO decoder), one-step or two-step.</summary>
internal static class WireFrames
{
    /// <summary><c>42["name",payload]</c>.</summary>
    public static string OneStep(string name, string payload) => $"42[\"{name}\",{payload}]";

    /// <summary>The two frames of the binary form: a header with a placeholder, then the payload as the attachment.</summary>
    public static (string Header, byte[] Attachment) TwoStep(string name, string payload)
        => ($"451-[\"{name}\",{{\"_placeholder\":true,\"num\":0}}]", Encoding.UTF8.GetBytes(payload));

    /// <summary>Decodes <paramref name="payload"/> sent as event <paramref name="name"/> in the given form and reads it as <typeparamref name="T"/>.</summary>
    public static bool TryRead<T>(string name, string payload, bool twoStep, out T? value)
        where T : IIncomingMessage<T>
    {
        var sink = new ReadingSink<T>();
        using var decoder = FakeEnvelope.SocketIO.CreateDecoder();
        if (twoStep)
        {
            var (header, attachment) = TwoStep(name, payload);
            decoder.Decode(Encoding.UTF8.GetBytes(header), true, sink);
            sink.Seen.ShouldBe(0, "the header alone is not a message");
            decoder.Decode(attachment, false, sink);
        }
        else
        {
            decoder.Decode(Encoding.UTF8.GetBytes(OneStep(name, payload)), true, sink);
        }

        sink.Seen.ShouldBe(1);
        sink.Matched.ShouldBeTrue($"'{name}' should match {typeof(T).Name}");
        value = sink.Value;
        return sink.Read;
    }

    /// <summary>As <see cref="TryRead{T}"/>, failing the test when the payload does not read.</summary>
    public static T Read<T>(string name, string payload, bool twoStep)
        where T : IIncomingMessage<T>
    {
        TryRead<T>(name, payload, twoStep, out var value).ShouldBeTrue($"'{name}' {(twoStep ? "two-step" : "one-step")} should read as {typeof(T).Name}: {payload}");
        return value!;
    }

    /// <summary>The text frame the client writes for <paramref name="message"/>.</summary>
    public static string Frame(IOutgoingMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        message.WriteEnvelope(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class ReadingSink<T> : IMessageSink
        where T : IIncomingMessage<T>
    {
        public int Seen { get; private set; }

        public bool Matched { get; private set; }

        public bool Read { get; private set; }

        public T? Value { get; private set; }

        public void OnMessage(in MessageView message)
        {
            Seen++;
            Matched = T.Matches(message);
            Read = T.TryRead(message, out var value);
            Value = value;
        }

        public void OnDisconnected(DisconnectInfo info)
        {
        }
    }
}
