namespace Protocol;

/// <summary>A configuration failed validation; every message names the field it is about.</summary>
public sealed class ConfigurationValidationException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="typeName">The configuration type.</param>
    /// <param name="errors">One message per problem, each naming its field.</param>
    public ConfigurationValidationException(string typeName, IReadOnlyList<string> errors)
        : base($"Invalid {typeName}: {string.Join("; ", errors ?? [])}")
    {
        Errors = errors ?? [];
    }

    /// <summary>One message per problem, each naming its field.</summary>
    public IReadOnlyList<string> Errors { get; }
}
