namespace Protocol.Testing.Scripts;

/// <summary>One line of a <see cref="ScriptedExchange"/>.</summary>
/// <param name="Direction">What it means.</param>
/// <param name="Text">The frame text or the expected update's JSON.</param>
/// <param name="Line">1-based line number in the script, for error messages.</param>
public sealed record ScriptStep(ScriptDirection Direction, string Text, int Line);
