
namespace Protocol;

/// <summary>
/// A lightweight handler that says whether it took the message: like <see cref="LightweightHandler{TState}"/> it sees every
/// inbound message, synchronously, on the receive path, before any module; returning <see langword="true"/> means it matched
/// (a raw handler's validator did), so a message nothing declares but this handler took is not reported as an unknown event.
/// </summary>
/// <typeparam name="TState">The client's state type.</typeparam>
/// <param name="message">The inbound message (valid only during the call).</param>
/// <param name="state">The client's state.</param>
/// <returns>Whether the handler matched the message.</returns>
public delegate bool LightweightMatcher<TState>(MessageView message, TState state)
    where TState : class;
