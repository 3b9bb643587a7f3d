namespace Protocol;

/// <summary>The module handling a command crashed before answering. The module is restarted; the command is not re-sent.</summary>
public sealed class ModuleFaultedException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="module">The module's name.</param>
    /// <param name="innerException">The crash.</param>
    public ModuleFaultedException(string module, Exception innerException)
        : base($"Module '{module}' crashed while handling the command; it is being restarted and the command was not re-sent. Check the platform's state before retrying.", innerException)
        => Module = module;

    /// <summary>The module's name.</summary>
    public string Module { get; }
}
