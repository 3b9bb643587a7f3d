namespace Protocol.Testing.Scripts;

/// <summary>What a script line means.</summary>
public enum ScriptDirection
{
    /// <summary><c>&gt;</c> — the client must send this next.</summary>
    Outgoing,

    /// <summary><c>&lt;</c> — the server sends this (pushed to the client).</summary>
    Incoming,

    /// <summary><c>=</c> — the client must produce this typed update next (rendered as JSON by the test).</summary>
    Update,
}
