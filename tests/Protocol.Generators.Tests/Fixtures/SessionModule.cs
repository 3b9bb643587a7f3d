// A background module: no API members, only an on-Ready hook and a keep-alive, declared with attributes.
// ModuleLifecycleRuntimeTests drive the generated AddSessionModule() on a fake connection and a fake clock.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Protocol.Generators.Tests.Fixtures;

[ProtocolMessage("getBalance", Layout = WireLayout.None, Direction = WireDirection.Outgoing)]
public sealed partial class GetBalance;

// Its own state, so this file stands alone in the baseline test.
public sealed class SessionState
{
    private readonly List<(long Session, bool IsReconnect)> _hooks = [];

    // What each run of the hook saw, in order (the hook runs on the runner's task; tests read it after Ready).
    public IReadOnlyList<(long Session, bool IsReconnect)> Hooks
    {
        get
        {
            lock (_hooks)
            {
                return [.. _hooks];
            }
        }
    }

    public void RecordHook(long session, bool isReconnect)
    {
        lock (_hooks)
        {
            _hooks.Add((session, isReconnect));
        }
    }
}

[ProtocolModule("session", typeof(SessionState))]
public sealed partial class SessionModule
{
    // The post-login burst, on every session (the first included), before Ready.
    [ModuleOnReady]
    private static ValueTask Burst(ReadyContext<SessionState> ready, CancellationToken cancellationToken)
    {
        ready.State.RecordHook(ready.SessionNumber, ready.IsReconnect);
        return ready.SendAsync(new GetBalance(), cancellationToken);
    }

    // PocketOption's keep-alive: 42["ps"] every 20 s while Ready.
    [ModulePeriodic(Seconds = 20)]
    private static KeepAlive Ping() => new();
}
