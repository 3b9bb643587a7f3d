using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Protocol.Server.Sessions;

namespace Protocol.Server.JsonActions;

/// <summary>The settings of a <see cref="JsonActionServer"/>.</summary>
public sealed class JsonActionServerOptions
{
    /// <summary>The property that names a frame's action; <c>"action"</c> by default.</summary>
    public string ActionProperty { get; set; } = "action";

    /// <summary>
    /// Whether the server sends its actions in binary frames (UTF-8 JSON), as ExpertOption's server does; text frames when
    /// false (the default). Clients' actions are accepted in either.
    /// </summary>
    public bool SendBinaryFrames { get; set; }

    /// <summary>
    /// How long a session may stay without any frame from the client before it is closed (the liveness check); 60 s by
    /// default. A client that sends an application ping within it stays.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often the server sends its application ping (<see cref="PingAction"/>), or null for none (the default). The
    /// ping's reply, if any, is an ordinary action for the application to handle.
    /// </summary>
    public TimeSpan? PingInterval { get; set; }

    /// <summary>
    /// Writes the server's application ping as a whole JSON object (e.g. ExpertOption's
    /// <c>{"action":"ping","message":{"data":"&lt;ms&gt;"}}</c>), given the server's clock. Required when <see cref="PingInterval"/> is set.
    /// </summary>
    public Func<TimeProvider, string>? PingAction { get; set; }

    /// <summary>The largest message the server accepts; 16 MiB by default. A bigger one closes the session.</summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How many frames a session may have queued for sending; 1,024 by default.</summary>
    public int SendQueueCapacity { get; set; } = 1024;

    /// <summary>How long a send waits for room in a full queue before it fails with nothing sent; 10 s by default.</summary>
    public TimeSpan SendQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many received actions may wait for the session's handlers before the session stops reading; 1,024 by default.</summary>
    public int HandlerQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// How long a session that has ended waits for its running handler (an action or the connection handler) to return
    /// before it abandons it and closes anyway; 5 s by default, on <see cref="TimeProvider"/>. Handlers learn of the end
    /// from <see cref="JsonActionSession.DisconnectedToken"/> (or <see cref="JsonActionRequest.CancellationToken"/>); one
    /// that ignores it no longer holds the WebSocket, the request and the server's shutdown: it is logged as abandoned and
    /// left to finish on its own, its later failures still logged.
    /// </summary>
    public TimeSpan HandlerDrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock for the idle check, pings and timeouts (the wait for an ended session's handler included).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logs (never payloads or tokens).</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(ActionProperty);
        TimerSpan.RequireValid(IdleTimeout, nameof(IdleTimeout));
        TimerSpan.RequireValid(SendQueueTimeout, nameof(SendQueueTimeout));
        TimerSpan.RequireValid(HandlerDrainTimeout, nameof(HandlerDrainTimeout));
        if (PingInterval is { } ping)
        {
            TimerSpan.RequireValid(ping, nameof(PingInterval));
        }

        if (PingInterval is not null && PingAction is null)
        {
            throw new ArgumentException("PingInterval is set but PingAction is not: say what the application ping looks like.", nameof(PingAction));
        }

        if (MaxMessageBytes < 64 || SendQueueCapacity < 1 || HandlerQueueCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMessageBytes), "MaxMessageBytes must be at least 64, SendQueueCapacity and HandlerQueueCapacity at least 1.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(LoggerFactory);
    }
}
