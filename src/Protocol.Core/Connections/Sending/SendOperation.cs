using System.Globalization;

namespace Protocol;

// What a send was doing, for an error message. Kept as a constant format plus its arguments so the text is built only
// when something fails: interpolating it on every send cost an allocation per call.
internal readonly struct SendOperation(string format, string? name = null, long id = 0)
{
    public static SendOperation Sending => new("Sending a frame");

    // A frame with no operation set (a constant such as the pong) still gets a message.
    public override string ToString() => format is null ? "Sending a frame" : string.Format(CultureInfo.InvariantCulture, format, name, id);
}
