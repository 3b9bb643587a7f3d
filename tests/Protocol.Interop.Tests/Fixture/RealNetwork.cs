namespace Protocol.Interop.Tests.Fixture;

/// <summary>
/// The safety net of a wait on a real socket or a node process. The kit's default (5 s) is sized for in-memory work; on a
/// CI machine whose 2 cores run every test assembly at once, a node process starting or a loopback round trip has taken
/// longer, and such a wait is a net against a hang, not a measure of speed.
/// </summary>
internal static class RealNetwork
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
}
