using System.Text;
using Protocol.PocketOption.Simulator.Faults;
using Protocol.Server.SocketIO;

namespace Protocol.PocketOption.Simulator.Wire;

/// <summary>
/// How the simulator sends: payloads two-step (a placeholder header, then the JSON as a binary frame), as the platform
/// does (§3.3), or one-step when <see cref="SimulatorFaults.OneStep"/> is on.
/// </summary>
internal sealed class PocketEmitter(SimulatorFaults faults)
{
    private static readonly string Placeholder = SocketIOBinary.Placeholder(0);

    /// <summary>Sends <c>451-["name",{"_placeholder":true,"num":0}]</c> and the JSON as its attachment (or <c>42["name",json]</c>).</summary>
    public ValueTask SendAsync(SocketIOServerSocket socket, string eventName, byte[] json, CancellationToken cancellationToken = default)
        => faults.OneStep
            ? socket.EmitAsync(eventName, Encoding.UTF8.GetString(json), null, cancellationToken)
            : socket.EmitAsync(eventName, Placeholder, [json], cancellationToken);

    /// <summary>Sends <c>42["name",json]</c> whatever the switches say: for the small answers the platform sends one-step.</summary>
    public ValueTask SendOneStepAsync(SocketIOServerSocket socket, string eventName, byte[] json, CancellationToken cancellationToken = default)
        => socket.EmitAsync(eventName, Encoding.UTF8.GetString(json), null, cancellationToken);

    /// <summary>
    /// Sends from a timer callback, without waiting: the send queue keeps the order of the calls. A socket that left
    /// meanwhile has nobody to send to, so its failure is dropped.
    /// </summary>
    public void Post(SocketIOServerSocket socket, string eventName, byte[] json)
    {
        if (!socket.IsConnected)
        {
            return;
        }

        ValueTask sent;
        try
        {
            sent = SendAsync(socket, eventName, json);
        }
        catch (SocketIOSocketDisconnectedException)
        {
            return;
        }

        if (!sent.IsCompletedSuccessfully)
        {
            _ = Observe(sent.AsTask());
        }
    }

    // The session closing under a queued send fails it; that only means the client is gone.
    private static async Task Observe(Task sent)
    {
        try
        {
            await sent.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Nothing to do for a client that left: its account's state is kept on the simulator.
        }
    }
}
