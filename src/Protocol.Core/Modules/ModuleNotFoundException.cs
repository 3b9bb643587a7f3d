namespace Protocol;

/// <summary>No registered module provides the requested API type.</summary>
public sealed class ModuleNotFoundException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="apiType">The requested API type's name.</param>
    public ModuleNotFoundException(string apiType)
        : base($"No module provides an API of type '{apiType}'. Register its module on the ClientBuilder (AddModule<TModule, {apiType}>() or the generated Add… method) before Build().")
        => ApiType = apiType;

    /// <summary>The requested API type's name.</summary>
    public string ApiType { get; }
}
