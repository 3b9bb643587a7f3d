namespace Protocol.Runner;

/// <summary>
/// Runs after a reconnection reaches <see cref="ConnectionState.Ready"/> (never before the platform accepted the
/// login, never on the first connection), in registration order, each bounded by
/// <see cref="ClientOptions.CallbackTimeout"/>. Typical use: re-subscribe to streams. A throwing callback is logged and
/// the next one still runs. Do not re-send trades here: nothing that moves money is repeated automatically.
/// </summary>
/// <typeparam name="TState">The client's state type.</typeparam>
/// <param name="context">The state, the attempt and a sender.</param>
/// <param name="cancellationToken">Cancelled on timeout or shutdown.</param>
public delegate ValueTask ReconnectCallback<TState>(ReconnectContext<TState> context, CancellationToken cancellationToken)
    where TState : class;
