using Protocol.Messaging;

namespace Protocol.Runner;

/// <summary>
/// Decides what Ready means for a platform. After the transport is Connected the runner calls <see cref="StartAsync"/>
/// (send the login frame, if the platform speaks first), then shows every inbound message to <see cref="OnMessage"/>
/// until it returns <see cref="LoginDecision.Accept"/> (Ready) or <see cref="LoginDecision.Reject"/> (terminal
/// <see cref="LoginRejectedException"/>, no retry), or <see cref="ClientOptions.LoginTimeout"/> passes (a failed
/// attempt, retried with backoff). A client without a login hook is Ready as soon as it is Connected.
/// </summary>
/// <typeparam name="TState">The client's state type.</typeparam>
/// <example>PocketOption: on the namespace CONNECT reply, answer <c>42["auth",{…}]</c>; accept on <c>successauth</c>; reject on <c>NotAuthorized</c>.</example>
public interface IPlatformLogin<TState>
    where TState : class
{
    /// <summary>Starts the login on a freshly connected transport; may send through <paramref name="context"/>.</summary>
    /// <param name="context">The session's state, endpoint and sender.</param>
    /// <param name="cancellationToken">Cancelled when the session ends or the login times out.</param>
    ValueTask StartAsync(LoginContext<TState> context, CancellationToken cancellationToken);

    /// <summary>Inspects one inbound message while the login is pending. Runs on the receive path: keep it cheap and synchronous.</summary>
    /// <param name="message">The message (also routed to modules as usual).</param>
    /// <param name="context">The session's state, endpoint and sender.</param>
    /// <returns>Pending, accept, reject, or a reply to send (still pending).</returns>
    LoginDecision OnMessage(MessageView message, LoginContext<TState> context);
}
