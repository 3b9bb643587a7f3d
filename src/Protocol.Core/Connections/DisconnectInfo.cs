namespace Protocol;

/// <summary>How a connection ended: a reason, a short description for logs, and the error if there was one.</summary>
/// <param name="Reason">Why it ended.</param>
/// <param name="Description">A short description (close status text, error summary); never a secret.</param>
/// <param name="Error">The exception that ended it, if any.</param>
public sealed record DisconnectInfo(DisconnectReason Reason, string? Description = null, Exception? Error = null);
