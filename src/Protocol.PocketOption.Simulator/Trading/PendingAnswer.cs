namespace Protocol.PocketOption.Simulator.Trading;

/// <summary>What a pending-order request is answered with: the success or the fail event's payload.</summary>
/// <param name="Succeeded">Whether the <c>success…</c> event answers it (else the <c>fail…</c> one).</param>
/// <param name="Json">The payload.</param>
internal readonly record struct PendingAnswer(bool Succeeded, byte[] Json);
