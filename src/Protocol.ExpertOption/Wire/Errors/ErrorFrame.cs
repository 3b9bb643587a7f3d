using System.Text.Json;
using Protocol;
using Protocol.ExpertOption.Wire;

namespace Protocol.ExpertOption.Wire.Errors;

/// <summary>
/// <c>{"action":"error","message":…,"ns":…}</c>, the answer to a failed request (fact sheet §4.2). The sources disagree on
/// <c>message</c> ([L]): a bare code string, or an object with <c>reason</c>, <c>message</c> or <c>error</c> (and sometimes its own
/// <c>ns</c>); every form is accepted.
/// </summary>
[ProtocolMessage("error", Direction = WireDirection.Incoming)]
public sealed partial class ErrorFrame : ActionReply
{
    /// <summary>The error code (e.g. <c>ERROR_EXPIRATION_INVALID</c>), from whichever documented form the frame used; "unknown error" when none.</summary>
    [WireIgnore]
    public string Code => Body.ValueKind switch
    {
        JsonValueKind.String => Body.GetString() ?? "",
        JsonValueKind.Object => FirstString(Body, "reason", "message", "error", "code") ?? "unknown error",
        _ => "unknown error",
    };

    /// <summary>Whether this error answers the request sent with <paramref name="ns"/> (the frame's <c>ns</c>, or the one inside its message).</summary>
    /// <param name="ns">The request's id.</param>
    /// <returns>True when it does.</returns>
    public bool Answers(long ns)
        => WireNs.Is(Ns, ns) || Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("ns", out var inner) && WireNs.Is(inner, ns);

    private static string? FirstString(JsonElement body, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }
}
