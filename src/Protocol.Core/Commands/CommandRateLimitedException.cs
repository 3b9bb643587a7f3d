namespace Protocol;

/// <summary>A command could not get past the client's command rate limit (<see cref="ClientOptions.CommandRateLimit"/>); nothing was sent.</summary>
public sealed class CommandRateLimitedException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command's name.</param>
    /// <param name="why">Why it did not get a token (the queue was full, or its timeout passed while it waited).</param>
    public CommandRateLimitedException(string command, string why)
        : base($"Command '{command}' was not sent: {why}. Nothing reached the platform; issue fewer commands at once, or raise ClientOptions.CommandRateLimit.")
        => Command = command;

    /// <summary>The command's name.</summary>
    public string Command { get; }
}
