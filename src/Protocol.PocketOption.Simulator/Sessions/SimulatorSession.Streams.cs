namespace Protocol.PocketOption.Simulator.Sessions;

/// <summary>The session's price streams (<c>changeSymbol</c>, <c>subfor</c>, <c>loadHistoryPeriod</c>).</summary>
internal sealed partial class SimulatorSession
{
    private void AttachStreams()
    {
    }

    private void DetachStreams()
    {
    }
}
