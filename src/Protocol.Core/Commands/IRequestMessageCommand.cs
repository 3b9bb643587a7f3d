namespace Protocol;

// A command that carries its own request: CommandChannel sends it directly (after tracking it) instead of queueing it
// for the module, so nothing stands between the caller and the transport's send queue.
internal interface IRequestMessageCommand
{
    ValueTask SendAsync(IClientRuntime runtime, CancellationToken cancellationToken);

    // Completes a send that has no response.
    void OnSent();
}
