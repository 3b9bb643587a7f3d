
namespace Protocol;

/// <summary>
/// Decides what Ready means for a platform. After the transport is Connected the runner calls <see cref="StartAsync"/>
/// (send the login frame, if the platform speaks first), then shows every inbound message to <see cref="OnMessage"/>
/// until it returns <see cref="LoginDecision.Accept"/> (Ready, once the on-Ready hooks ran) or
/// <see cref="LoginDecision.Reject"/> (terminal <see cref="LoginRejectedException"/>, no retry), or
/// <see cref="ClientOptions.LoginTimeout"/> passes (a failed attempt, retried with backoff). If the connection closes
/// first, <see cref="OnClosed"/> decides whether that was a rejection. A client without a login hook is Ready as soon as
/// it is Connected.
/// </summary>
/// <typeparam name="TState">The client's state type.</typeparam>
/// <example>
/// PocketOption over Socket.IO: the transport has already joined the namespace (it consumes the server's
/// <c>40{"sid":…}</c> before the login starts), so <see cref="StartAsync"/> sends <c>42["auth",{…}]</c>;
/// <see cref="OnMessage"/> accepts on <c>successauth</c> (one- or two-step) and rejects on <c>NotAuthorized</c>;
/// <see cref="OnClosed"/> rejects too, because the server ending the session before <c>successauth</c> means it was
/// refused: that covers the namespace DISCONNECT (<c>41</c>) the server sends after <c>NotAuthorized</c>, which the
/// Socket.IO transport reports as the session ending (<see cref="DisconnectReason.ClosedByServer"/>) once no namespace is left.
/// </example>
public interface IPlatformLogin<TState>
    where TState : class
{
    /// <summary>Starts the login on a freshly connected transport (namespaces already joined); may send through <paramref name="context"/>.</summary>
    /// <param name="context">The session's state, endpoint and sender.</param>
    /// <param name="cancellationToken">Cancelled when the session ends or the login times out.</param>
    ValueTask StartAsync(LoginContext<TState> context, CancellationToken cancellationToken);

    /// <summary>
    /// Inspects one inbound message while the login is pending. Transport control traffic is not a message: a server
    /// that ends the session (a Socket.IO namespace DISCONNECT included) reaches <see cref="OnClosed"/> instead. Runs on
    /// the receive path: keep it cheap and synchronous.
    /// </summary>
    /// <param name="message">The message (also routed to modules as usual).</param>
    /// <param name="context">The session's state, endpoint and sender.</param>
    /// <returns>Pending, accept, reject, or a reply to send (still pending).</returns>
    LoginDecision OnMessage(MessageView message, LoginContext<TState> context);

    /// <summary>
    /// The connection closed, or the server ended the session, while the login was pending, before the session is torn
    /// down (so a platform that answers a bad session by ending it can call that a rejection). Return
    /// <see cref="LoginDecision.Reject"/> when the platform closes on a bad session (terminal: reported by
    /// <c>WaitUntilReadyAsync</c> at once, no reconnect). Any other decision makes it a failed attempt, retried with
    /// backoff; that is the default, since a transient drop is not a verdict on the credentials.
    /// </summary>
    /// <param name="info">Why the connection ended (safe to log).</param>
    /// <param name="context">The session's state and endpoint (sending is no longer possible).</param>
    /// <returns>A rejection, or anything else for "retry".</returns>
    LoginDecision OnClosed(DisconnectInfo info, LoginContext<TState> context) => LoginDecision.Pending;
}
