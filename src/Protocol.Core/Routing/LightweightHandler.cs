
namespace Protocol;

/// <summary>
/// A lightweight handler: sees every inbound message, synchronously, on the receive path, before any module. Keep it
/// cheap (counters, logging, state flags); a throwing handler is logged and the message still reaches everyone else.
/// </summary>
/// <typeparam name="TState">The client's state type.</typeparam>
/// <param name="message">The inbound message (valid only during the call).</param>
/// <param name="state">The client's state.</param>
public delegate void LightweightHandler<TState>(MessageView message, TState state)
    where TState : class;
