// A keyed stream whose start and stop messages take the client's state: like ExpertOption, every request carries the session's
// token and the next request number, both in the state. KeyedStreamStateRuntimeTests drive the generated SignedMarketApi.
using System.Threading;

namespace Protocol.Generators.Tests.Fixtures;

[ProtocolMessage("subscribeTicks")]
public sealed partial class SubscribeTicks
{
    public string Asset { get; set; } = "";

    public string Token { get; set; } = "";

    public int Ns { get; set; }
}

[ProtocolMessage("unsubscribeTicks")]
public sealed partial class UnsubscribeTicks
{
    public string Asset { get; set; } = "";

    public string Token { get; set; } = "";

    public int Ns { get; set; }
}

// The session's token (set by each login) and the request counter every request takes the next number of.
public sealed class SignedMarketState
{
    private int _ns;

    public string Token { get; set; } = "";

    public int NextNs() => Interlocked.Increment(ref _ns);
}

[ProtocolModule("signed-market", typeof(SignedMarketState))]
public sealed partial class SignedMarketModule
{
    [ModuleKeyedStream("Ticks")]
    private static string? TickAsset(UpdateStream update) => update.Ticks.Length == 0 ? null : update.Ticks[0].Symbol;

    [ModuleStreamStart("Ticks")]
    private static SubscribeTicks Subscribe(string asset, SignedMarketState state) => new() { Asset = asset, Token = state.Token, Ns = state.NextNs() };

    [ModuleStreamStop("Ticks")]
    private static UnsubscribeTicks Unsubscribe(string asset, SignedMarketState state) => new() { Asset = asset, Token = state.Token, Ns = state.NextNs() };
}
