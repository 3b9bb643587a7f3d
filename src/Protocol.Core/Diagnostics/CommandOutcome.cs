namespace Protocol;

/// <summary>
/// The values of the <c>protocol.outcome</c> tag on the <c>protocol.command</c> span and the <c>protocol.command.duration</c>
/// histogram: how a command ended.
/// </summary>
public static class CommandOutcome
{
    /// <summary>The module answered.</summary>
    public const string Ok = "ok";

    /// <summary>The platform refused the command (<see cref="CommandRejectedException"/>).</summary>
    public const string Rejected = "rejected";

    /// <summary>No answer within the command's timeout (<see cref="CommandTimeoutException"/>).</summary>
    public const string Timeout = "timeout";

    /// <summary>The connection dropped first (<see cref="ConnectionLostException"/>); the command was not re-sent.</summary>
    public const string ConnectionLost = "connection_lost";

    /// <summary>The caller cancelled the wait.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The module crashed first (<see cref="ModuleFaultedException"/>).</summary>
    public const string ModuleFaulted = "module_faulted";

    /// <summary>The client was disposed first (<see cref="ClientClosedException"/>).</summary>
    public const string ClientClosed = "client_closed";

    /// <summary>Any other failure.</summary>
    public const string Error = "error";
}
