namespace Protocol;

/// <summary>The platform answered a command with a failure (e.g. <c>failopenOrder</c>). Nothing is retried.</summary>
public sealed class CommandRejectedException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command's name.</param>
    /// <param name="reason">The platform's reason.</param>
    public CommandRejectedException(string command, string reason)
        : base($"The platform rejected '{command}': {reason}. It was not retried; fix the request (or the account's state) before issuing it again.")
    {
        Command = command;
        Reason = reason;
    }

    /// <summary>The command's name.</summary>
    public string Command { get; }

    /// <summary>The platform's reason, as it sent it.</summary>
    public string Reason { get; }
}
