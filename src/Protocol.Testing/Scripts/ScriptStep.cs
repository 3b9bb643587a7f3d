namespace Protocol.Testing.Scripts;

/// <summary>One line of a <see cref="ScriptedExchange"/>.</summary>
/// <param name="Direction">What it means.</param>
/// <param name="Text">The frame text, the expected update's JSON, or for a binary frame the line as written (<c>bin: 01 02</c>).</param>
/// <param name="Line">1-based line number in the script, for error messages.</param>
/// <param name="Binary">The bytes of a binary frame (<c>bin:</c> or <c>b64:</c> lines); null for a text frame or an update.</param>
public sealed record ScriptStep(ScriptDirection Direction, string Text, int Line, byte[]? Binary = null)
{
    /// <summary>Whether the line is a binary frame.</summary>
    public bool IsBinary => Binary is not null;
}
