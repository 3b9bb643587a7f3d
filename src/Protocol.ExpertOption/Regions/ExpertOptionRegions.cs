using Protocol;

namespace Protocol.ExpertOption.Regions;

/// <summary>
/// ExpertOption's gateways (fact sheet §1.1, [M]: the <c>fr24g1{eu,in,hk,sg,us}.expertoption.finance/ws/v40</c> form, the one a
/// 2025 client reported reading the balance through). Every gateway serves both the demo and the real context
/// (the context is chosen by <c>setContext</c>), so none is marked demo-only.
/// </summary>
[ProtocolRegions("expertoption-regions.json")]
public static partial class ExpertOptionRegions;
