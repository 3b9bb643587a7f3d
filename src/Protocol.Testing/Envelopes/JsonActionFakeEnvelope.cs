using System.Text;
using Protocol.Infrastructure;
using Protocol.JsonActions;

namespace Protocol.Testing.Envelopes;

// Decodes with the real JSON-action envelope, but a text frame that is not an action fails instead of arriving raw:
// in a test it is almost always a frame written for another envelope (a 42[...] pushed to a JSON-action platform).
// Binary frames stay raw, as the real connection delivers them.
internal sealed class JsonActionFakeEnvelope(string nameProperty) : FakeEnvelope
{
    private readonly byte[] _nameProperty = Encoding.UTF8.GetBytes(nameProperty);

    public override string Name => $"JSON actions (\"{nameProperty}\")";

    public override FakeFrameDecoder CreateDecoder() => new Decoder(this);

    internal override string? ActionProperty => nameProperty;

    private sealed class Decoder(JsonActionFakeEnvelope envelope) : FakeFrameDecoder
    {
        // The wrapper of the last sink, kept: a connection hands the same sink with every frame, and a new wrapper per frame
        // was an allocation on every pushed frame of a test that counts them.
        private TextSink? _text;

        public override void Decode(ReadOnlySpan<byte> frame, bool isText, IMessageSink sink)
            => JsonActionEnvelope.Deliver(frame, isText, envelope._nameProperty, isText ? TextSinkFor(sink) : sink);

        private TextSink TextSinkFor(IMessageSink sink)
            => _text is { } text && ReferenceEquals(text.Inner, sink) ? text : _text = new TextSink(envelope, sink);
    }

    private sealed class TextSink(JsonActionFakeEnvelope envelope, IMessageSink inner) : IMessageSink
    {
        public IMessageSink Inner => inner;

        public void OnMessage(in MessageView message)
        {
            if (message.Kind == MessageKind.Raw)
            {
                throw new FakeFrameException(
                    $"'{Encoding.UTF8.GetString(message.Raw)}' is not a JSON action (an object with a string \"{Encoding.UTF8.GetString(envelope._nameProperty)}\" property). " +
                    "If the platform speaks Socket.IO, create the transport with FakeEnvelope.SocketIO; to deliver an unparsed frame on purpose, use FakeConnection.Push(MessageKind.Raw, …).");
            }

            inner.OnMessage(message);
        }

        public void OnDisconnected(DisconnectInfo info) => inner.OnDisconnected(info);
    }
}
