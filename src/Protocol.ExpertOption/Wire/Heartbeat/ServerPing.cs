using System.Globalization;
using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire.Heartbeat;

/// <summary>
/// The server's <c>{"action":"ping","message":{"data":"&lt;ms epoch&gt;"}}</c> (fact sheet §3, [M]); the web app answers with a
/// <see cref="Pong"/> echoing <c>data</c> ([C]). <c>data</c> is also the server's clock (§4.9).
/// </summary>
[ProtocolMessage("ping", Direction = WireDirection.Incoming)]
public sealed partial class ServerPing
{
    /// <summary>The message.</summary>
    [WireName("message")]
    [WireOptional]
    public PingBody Body { get; set; } = new();

    /// <summary>The server's clock from <c>data</c>, or null when it is not a millisecond timestamp.</summary>
    [WireIgnore]
    public DateTimeOffset? ServerTime
    {
        get
        {
            var data = Body.Data;
            long ms;
            if (data.ValueKind == JsonValueKind.Number ? data.TryGetInt64(out ms)
                : data.ValueKind == JsonValueKind.String && long.TryParse(data.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out ms))
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }

            return null;
        }
    }
}

/// <summary>The message of a ping or pong: <c>{"data":"&lt;ms epoch string&gt;"}</c>.</summary>
[WireType]
public sealed partial class PingBody
{
    /// <summary>The timestamp, kept as the JSON value it was so that a pong echoes it exactly.</summary>
    [WireOptional]
    public JsonElement Data { get; set; }
}
