using System.Text;
using Protocol.PocketOption.Simulator.Connections;
using Protocol.PocketOption.Simulator.Faults;
using Protocol.Server.SocketIO;

namespace Protocol.PocketOption.Simulator.Wire;

/// <summary>
/// How the simulator sends: payloads two-step (a placeholder header, then the JSON as a binary frame), as the platform
/// does (§3.3), or one-step when <see cref="SimulatorFaults.OneStep"/> is on for the connection; with
/// <see cref="SimulatorFaults.UnknownFields"/> every object gets a field clients do not know.
/// </summary>
internal sealed class PocketEmitter(SimulatorFaults faults)
{
    /// <summary>Where a socket keeps its <see cref="SimulatorConnection"/> (<see cref="SocketIOServerSocket.Items"/>).</summary>
    public const string ConnectionKey = "Protocol.PocketOption.Simulator.Connection";

    private static readonly string Placeholder = SocketIOBinary.Placeholder(0);

    /// <summary>The switches a socket's connection runs under: the simulator's and its own.</summary>
    public (bool RejectAuth, bool OneStep, bool UnknownFields, TimeSpan ReplyDelay, TimeSpan? UnknownEventInterval, bool DisconnectOnAuth) FaultsOf(SocketIOServerSocket socket)
        => SimulatorFaults.Combine(faults, ConnectionOf(socket)?.Faults);

    public static SimulatorConnection? ConnectionOf(SocketIOServerSocket socket)
        => socket.Items.TryGetValue(ConnectionKey, out var connection) ? connection as SimulatorConnection : null;

    /// <summary>Sends <c>451-["name",{"_placeholder":true,"num":0}]</c> and the JSON as its attachment (or <c>42["name",json]</c>).</summary>
    public ValueTask SendAsync(SocketIOServerSocket socket, string eventName, byte[] json, CancellationToken cancellationToken = default)
    {
        var (_, oneStep, unknownFields, _, _, _) = FaultsOf(socket);
        var body = unknownFields ? DriftJson.AddUnknownFields(json) : json;
        return oneStep
            ? socket.EmitAsync(eventName, Encoding.UTF8.GetString(body), null, cancellationToken)
            : socket.EmitAsync(eventName, Placeholder, [body], cancellationToken);
    }

    /// <summary>Sends <c>42["name",json]</c> whatever the switches say: for the small answers the platform sends one-step.</summary>
    public ValueTask SendOneStepAsync(SocketIOServerSocket socket, string eventName, byte[] json, CancellationToken cancellationToken = default)
    {
        var body = FaultsOf(socket).UnknownFields ? DriftJson.AddUnknownFields(json) : json;
        return socket.EmitAsync(eventName, Encoding.UTF8.GetString(body), null, cancellationToken);
    }

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
