using Protocol.PocketOption.Simulator.Wire;

namespace Protocol.PocketOption.Simulator.Sessions;

/// <summary>
/// Protocol drift's unknown event: a timer per session on the simulator's clock, armed with the shorter of the simulator's
/// and the connection's <see cref="Faults.SimulatorFaults.UnknownEventInterval"/> and re-armed when either changes.
/// </summary>
internal sealed partial class SimulatorSession
{
    private readonly Lock _driftGate = new();
    private ITimer? _drift;
    private TimeSpan? _driftInterval;
    private long _driftSeq;
    private bool _driftClosed;

    private void AttachDrift()
    {
        _simulator.Faults.Changed += RearmDrift;
        _connection.Faults.Changed += RearmDrift;
        RearmDrift();
    }

    private void RearmDrift()
    {
        lock (_driftGate)
        {
            var interval = _simulator.Emit.FaultsOf(_socket).UnknownEventInterval;
            if (_driftClosed || interval == _driftInterval)
            {
                return;
            }

            _driftInterval = interval;
            _drift?.Dispose();
            _drift = interval is { } every
                ? _simulator.TimeProvider.CreateTimer(static s => ((SimulatorSession)s!).SendDrift(), this, every, every)
                : null;
        }
    }

    private void SendDrift()
    {
        if (_account is null)
        {
            return; // the platform's events come after the login
        }

        _simulator.Emit.Post(_socket, DriftJson.UnknownEvent, DriftJson.Event(Interlocked.Increment(ref _driftSeq)));
    }

    private void DetachDrift()
    {
        _simulator.Faults.Changed -= RearmDrift;
        _connection.Faults.Changed -= RearmDrift;
        lock (_driftGate)
        {
            _driftClosed = true;
            _drift?.Dispose();
            _drift = null;
        }
    }
}
