namespace Protocol.PocketOption.Session;

/// <summary>
/// The text given as a PocketOption SSID is not one. The message says what is wrong (naming the field) and how to copy a
/// correct SSID; it never contains the SSID's session, IP address, user agent or uid.
/// </summary>
public sealed class SsidFormatException : FormatException
{
    internal const string HowToCopy =
        "Copy the SSID again: log in to PocketOption in a browser, open the developer tools (F12) at Network > WS, " +
        "select the WebSocket connection to the PocketOption server, and copy the whole message the page sends that starts with " +
        "42[\"auth\",{\"session\":… (it holds \"session\", \"isDemo\", \"uid\" and \"platform\"). Pass it as it is, not quoted or escaped again.";

    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong, without any of the SSID's content.</param>
    /// <param name="field">The SSID field at fault, or null when the SSID as a whole is malformed.</param>
    public SsidFormatException(string problem, string? field = null)
        : base($"The PocketOption SSID is not valid: {problem} {HowToCopy}")
    {
        Field = field;
    }

    /// <summary>The SSID field at fault (e.g. <c>session</c>, <c>uid</c>, <c>isDemo</c>), or null when the SSID as a whole is malformed.</summary>
    public string? Field { get; }
}
