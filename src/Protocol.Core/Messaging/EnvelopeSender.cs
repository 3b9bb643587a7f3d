using Protocol.Commands;
using Protocol.Runner;

namespace Protocol.Messaging;

// Writes a protocol message's whole envelope into a pooled buffer and sends it; the buffer goes back once the send completes.
internal static class EnvelopeSender
{
    public static async ValueTask SendAsync<TMessage>(IClientRuntime runtime, TMessage message, ModuleCommand? command, CancellationToken cancellationToken)
        where TMessage : IOutgoingMessage
    {
        if (message is null)
        {
            // Not ThrowIfNull: that would box a struct message.
            throw new ArgumentNullException(nameof(message));
        }

        using var buffer = new PooledBufferWriter();
        message.WriteEnvelope(buffer);
        await runtime.SendAsync(Connections.OutgoingMessage.Text(buffer.WrittenMemory), command, cancellationToken).ConfigureAwait(false);
    }
}
