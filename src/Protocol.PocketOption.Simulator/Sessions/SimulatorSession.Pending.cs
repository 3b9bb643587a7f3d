using Protocol.PocketOption.Simulator.Trading;
using Protocol.Server.SocketIO;

namespace Protocol.PocketOption.Simulator.Sessions;

/// <summary>
/// The session's pending orders: <c>openPendingOrder</c> answered with <c>successopenPendingOrder</c> (two-step) or
/// <c>failopenPendingOrder</c>; <c>cancelPendingOrder</c> / <c>cancelPendingOrders</c> with their success or fail answers
/// (one-step, as the notes' §3.2 has them).
/// </summary>
internal sealed partial class SimulatorSession
{
    private void AttachPending()
    {
        On("openPendingOrder", e => AnswerAsync("openPendingOrder", _simulator.Desk.OpenPending(_account!, First(e)), oneStep: false));
        On("cancelPendingOrder", e => AnswerAsync("cancelPendingOrder", _simulator.Desk.CancelPending(_account!, First(e)), oneStep: true));
        On("cancelPendingOrders", e => AnswerAsync("cancelPendingOrders", _simulator.Desk.CancelPendingMany(_account!, First(e)), oneStep: true));
    }

    private static System.Text.Json.JsonElement First(SocketIOServerEvent e) => e.Arguments.Count > 0 ? e.Arguments[0] : default;

    private ValueTask AnswerAsync(string name, PendingAnswer answer, bool oneStep)
    {
        var reply = (answer.Succeeded ? "success" : "fail") + name;
        return oneStep ? _simulator.Emit.SendOneStepAsync(_socket, reply, answer.Json) : _simulator.Emit.SendAsync(_socket, reply, answer.Json);
    }
}
