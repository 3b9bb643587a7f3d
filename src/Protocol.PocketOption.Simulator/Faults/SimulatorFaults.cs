namespace Protocol.PocketOption.Simulator.Faults;

/// <summary>
/// Switches that make the simulator misbehave the way the platform sometimes does, for tests and for hardening bots. They
/// apply to every connection, take effect at once and may be flipped from any thread. All are off by default.
/// </summary>
public sealed class SimulatorFaults
{
    private volatile bool _rejectAuth;
    private volatile bool _oneStep;

    /// <summary>
    /// Refuses every login, demo ones too, with <c>42["NotAuthorized"]</c> then <c>41</c> (an expired or revoked session).
    /// </summary>
    public bool RejectAuth
    {
        get => _rejectAuth;
        set => _rejectAuth = value;
    }

    /// <summary>
    /// Sends every payload one-step (<c>42["updateStream",[…]]</c>) instead of two-step (a placeholder header and a binary
    /// frame): the platform does both, so clients must read both (§3.3).
    /// </summary>
    public bool OneStep
    {
        get => _oneStep;
        set => _oneStep = value;
    }
}
