namespace Protocol.Modules;

/// <summary>No registered module provides the requested handle type.</summary>
public sealed class ModuleNotFoundException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="handleType">The requested handle type's name.</param>
    public ModuleNotFoundException(string handleType)
        : base($"No module provides a handle of type '{handleType}'. Register its module on the ClientBuilder (AddModule<TModule, {handleType}>() or the generated Add… method) before Build().")
        => HandleType = handleType;

    /// <summary>The requested handle type's name.</summary>
    public string HandleType { get; }
}
