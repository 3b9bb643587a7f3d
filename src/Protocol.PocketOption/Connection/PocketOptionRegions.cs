
namespace Protocol.PocketOption.Connection;

/// <summary>PocketOption's servers, generated from the repository's <c>regions.json</c> (demo and real-account regions).</summary>
[ProtocolRegions("regions.json")]
public static partial class PocketOptionRegions;
