using System.Globalization;
using System.Text.Json;

namespace Protocol.PocketOption.Simulator.Sessions;

/// <summary>What the simulator reads of an <c>auth</c> frame (<c>{session,isDemo,uid,platform,…}</c>, §2 of the notes).</summary>
internal readonly record struct AuthRequest(string Session, bool IsDemo, long Uid)
{
    /// <summary>Reads the frame's first argument; false when it is not an auth object with a session.</summary>
    public static bool TryParse(IReadOnlyList<JsonElement> arguments, out AuthRequest request)
    {
        request = default;
        if (arguments.Count == 0 || arguments[0].ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var auth = arguments[0];
        if (!auth.TryGetProperty("session", out var session) && !auth.TryGetProperty("sessionToken", out session))
        {
            return false;
        }

        if (session.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(session.GetString()))
        {
            return false;
        }

        var isDemo = auth.TryGetProperty("isDemo", out var demo) && demo.ValueKind switch
        {
            JsonValueKind.Number => demo.TryGetInt32(out var d) && d == 1,
            JsonValueKind.True => true,
            JsonValueKind.String => demo.GetString() == "1",
            _ => false,
        };

        long uid = 0;
        if (auth.TryGetProperty("uid", out var uidValue))
        {
            if (uidValue.ValueKind == JsonValueKind.Number)
            {
                uidValue.TryGetInt64(out uid);
            }
            else if (uidValue.ValueKind == JsonValueKind.String)
            {
                long.TryParse(uidValue.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out uid);
            }
        }

        request = new AuthRequest(session.GetString()!, isDemo, uid);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"auth uid {Uid} ({(IsDemo ? "demo" : "real")}, session redacted)";
}
