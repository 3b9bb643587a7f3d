namespace Protocol.PocketOption.Simulator.Trading;

/// <summary>
/// What <see cref="TradingDesk.Open"/> answers: the payloads to send, written under the account's gate so they agree with
/// each other. <see cref="Error"/> is set when the order was refused (then only <see cref="FailJson"/> is set).
/// </summary>
internal sealed record OrderResult(string? Error, byte[]? FailJson, byte[]? DealJson, byte[]? OpenedJson, byte[]? BalanceJson);
