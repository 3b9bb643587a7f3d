namespace Protocol;

/// <summary>
/// Runs on every session, the first one included, after the platform accepted the login and before the client reports
/// <see cref="ConnectionState.Ready"/>: Ready means "logged in, the keyed subscriptions restored and every on-Ready hook ran". Hooks run one after another in
/// registration order, each bounded by <see cref="ClientOptions.CallbackTimeout"/>. Typical uses: a post-login burst
/// (PocketOption's <c>assets/load</c>, <c>getBalance</c>, …) and re-sending what a hand-written stream needs after a reconnect
/// (<see cref="ReadyContext{TState}.IsReconnect"/>); a <see cref="Infrastructure.KeyedSubscriptionSet{TKey, T}"/> restores its
/// own keys before the hooks run.
/// </summary>
/// <remarks>
/// A hook that throws or overruns its timeout is logged and counted (<c>protocol.errors</c>, kind <c>ready_hook</c>); the
/// next hooks still run and the session still becomes Ready, because one optional step (a favourite list, a price alert)
/// must not cost the whole connection. A hook that cannot live without its step calls
/// <see cref="ReadyContext{TState}.FailSession"/>: the session is closed and retried with backoff. Send through the
/// context (it is bound to this session); module commands wait for Ready, so a hook cannot await one. Never re-send
/// trades here: nothing that moves money is repeated automatically.
/// </remarks>
/// <typeparam name="TState">The client's state type.</typeparam>
/// <param name="context">The session: state, endpoint, which session this is, and a sender bound to it.</param>
/// <param name="cancellationToken">Cancelled on timeout, when the session ends or on shutdown.</param>
public delegate ValueTask ReadyHook<TState>(ReadyContext<TState> context, CancellationToken cancellationToken)
    where TState : class;
