using Protocol.Infrastructure;


namespace Protocol;

// Writes a protocol message's whole envelope into a pooled buffer and sends it; the buffer goes back once the send completes.
internal static class EnvelopeSender
{
    public static ValueTask SendAsync<TMessage>(IClientRuntime runtime, TMessage message, ModuleCommand? command, CancellationToken cancellationToken)
        where TMessage : IOutgoingMessage
        => SendAsync(message, static (target, text, ct) => target.Runtime.SendAsync(text, target.Command, ct), (Runtime: runtime, Command: command), cancellationToken);

    // The one envelope path, for any sender: the runtime's current session (above) or one session's login and on-Ready hooks.
    // The target travels as state so a static lambda suffices and nothing is captured per send. The buffer is the
    // thread's pooled writer; a send that completes at once gives it back here without an async state machine.
    public static ValueTask SendAsync<TMessage, TTarget>(TMessage message, Func<TTarget, OutgoingMessage, CancellationToken, ValueTask> send, TTarget target, CancellationToken cancellationToken)
        where TMessage : IOutgoingMessage
    {
        if (message is null)
        {
            // Not ThrowIfNull: that would box a struct message.
            throw new ArgumentNullException(nameof(message));
        }

        var buffer = PooledBufferWriter.Rent();
        ValueTask sending;
        try
        {
            // Folded away for a struct message; a type check for a class. Only generated messages with binary members
            // are written with attachments collected.
            sending = message is IBinaryOutgoingMessage
                ? send(target, WriteWithAttachments(message, buffer), cancellationToken)
                : send(target, WriteText(message, buffer), cancellationToken);
        }
        catch
        {
            PooledBufferWriter.Return(buffer);
            throw;
        }

        if (!sending.IsCompleted)
        {
            return AwaitAsync(sending, buffer);
        }

        try
        {
            sending.GetAwaiter().GetResult();
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }

        return default;
    }

    private static OutgoingMessage WriteText<TMessage>(TMessage message, PooledBufferWriter buffer)
        where TMessage : IOutgoingMessage
    {
        message.WriteEnvelope(buffer);
        return OutgoingMessage.Text(buffer.WrittenMemory);
    }

    // The attachments are the message's own memory (borrowed until the send completes, like the frame buffer).
    private static OutgoingMessage WriteWithAttachments<TMessage>(TMessage message, PooledBufferWriter buffer)
        where TMessage : IOutgoingMessage
    {
        WireBinary.BeginWrite();
        ReadOnlyMemory<byte>[] attachments;
        try
        {
            message.WriteEnvelope(buffer);
        }
        finally
        {
            attachments = WireBinary.EndWrite();
        }

        return attachments.Length == 0 ? OutgoingMessage.Text(buffer.WrittenMemory) : OutgoingMessage.WithAttachments(buffer.WrittenMemory, attachments);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask AwaitAsync(ValueTask sending, PooledBufferWriter buffer)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        finally
        {
            // The transport no longer reads the frame: the buffer may be reused.
            PooledBufferWriter.Return(buffer);
        }
    }
}
