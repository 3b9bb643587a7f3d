namespace Protocol.Modules;

/// <summary>The kinds of registered module.</summary>
public enum ModuleKind
{
    /// <summary>Commands, responses and a user-facing handle.</summary>
    Api,

    /// <summary>A background loop with a rule and no handle.</summary>
    Lightweight,
}
