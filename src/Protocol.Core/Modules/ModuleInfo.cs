namespace Protocol;

/// <summary>A snapshot of one registered module's health.</summary>
/// <param name="Name">The module's name.</param>
/// <param name="Kind">API or lightweight.</param>
/// <param name="Restarts">How many times a crashed instance was replaced.</param>
/// <param name="DroppedMessages">Messages dropped because the inbox was full.</param>
/// <param name="IsRunning">Whether an instance is running now (false while waiting to restart or after it finished).</param>
public sealed record ModuleInfo(string Name, ModuleKind Kind, int Restarts, long DroppedMessages, bool IsRunning);
