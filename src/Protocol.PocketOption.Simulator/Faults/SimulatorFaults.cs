namespace Protocol.PocketOption.Simulator.Faults;

/// <summary>
/// Switches that make the simulator misbehave the way the platform sometimes does, for tests and for hardening bots. The
/// simulator's own set (<see cref="PocketOptionSimulator.Faults"/>) applies to every connection; each connection has a set
/// of its own (<see cref="Connections.SimulatorConnection.Faults"/>), and a connection misbehaves when either set says so
/// (the longer delay, the shorter drift interval). They take effect at once and may be flipped from any thread. All are
/// off by default.
/// </summary>
public sealed class SimulatorFaults
{
    private volatile bool _rejectAuth;
    private volatile bool _disconnectOnAuth;
    private volatile bool _oneStep;
    private volatile bool _unknownFields;
    private long _replyDelayTicks;
    private long _unknownEventIntervalTicks;

    /// <summary>
    /// Refuses every login, demo ones too, with <c>42["NotAuthorized"]</c> then <c>41</c> (an expired or revoked session).
    /// </summary>
    public bool RejectAuth
    {
        get => _rejectAuth;
        set => _rejectAuth = value;
    }

    /// <summary>
    /// Answers every login with a bare namespace DISCONNECT (<c>41</c>, no <c>NotAuthorized</c> before it), as the platform
    /// does when it drops a session during the handshake; clients must take it as a refused login (§1.2).
    /// </summary>
    public bool DisconnectOnAuth
    {
        get => _disconnectOnAuth;
        set => _disconnectOnAuth = value;
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

    /// <summary>
    /// How long the simulator waits, on its clock, before it handles each event a client sends (a slow server): every
    /// answer comes that much later, and the client's later events wait behind it. Pushes (ticks, settlements) are not
    /// delayed. <see cref="TimeSpan.Zero"/> (the default) is off.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan ReplyDelay
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _replyDelayTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Volatile.Write(ref _replyDelayTicks, value.Ticks);
        }
    }

    /// <summary>
    /// Protocol drift: every logged-in client gets an event it cannot know, <c>simulatorDrift</c> (two-step,
    /// <c>{"seq":n,"note":…}</c>), once per interval on the simulator's clock. Null (the default) is off.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive.</exception>
    public TimeSpan? UnknownEventInterval
    {
        get => Volatile.Read(ref _unknownEventIntervalTicks) is var ticks && ticks > 0 ? TimeSpan.FromTicks(ticks) : null;
        set
        {
            if (value is { } interval)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
            }

            Volatile.Write(ref _unknownEventIntervalTicks, value?.Ticks ?? 0);
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// Protocol drift: every JSON object the simulator sends (deals, balances, history answers, pending orders…) gets a
    /// field clients do not know, <c>"simulatorDrift":1</c>, as the platform adds fields over time.
    /// </summary>
    public bool UnknownFields
    {
        get => _unknownFields;
        set => _unknownFields = value;
    }

    /// <summary>Raised when <see cref="UnknownEventInterval"/> changes, so the sessions re-arm their drift timers.</summary>
    internal event Action? Changed;

    /// <summary>What a connection does under the simulator's switches and its own.</summary>
    internal static (bool RejectAuth, bool OneStep, bool UnknownFields, TimeSpan ReplyDelay, TimeSpan? UnknownEventInterval, bool DisconnectOnAuth) Combine(SimulatorFaults global, SimulatorFaults? local)
    {
        if (local is null)
        {
            return (global.RejectAuth, global.OneStep, global.UnknownFields, global.ReplyDelay, global.UnknownEventInterval, global.DisconnectOnAuth);
        }

        var delay = global.ReplyDelay > local.ReplyDelay ? global.ReplyDelay : local.ReplyDelay;
        var (a, b) = (global.UnknownEventInterval, local.UnknownEventInterval);
        TimeSpan? interval = a is null ? b : b is null ? a : a < b ? a : b;
        return (global.RejectAuth || local.RejectAuth, global.OneStep || local.OneStep, global.UnknownFields || local.UnknownFields, delay, interval,
            global.DisconnectOnAuth || local.DisconnectOnAuth);
    }
}
