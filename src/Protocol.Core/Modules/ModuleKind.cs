namespace Protocol;

/// <summary>The kinds of registered module.</summary>
public enum ModuleKind
{
    /// <summary>Commands, responses and a user-facing API.</summary>
    Api,

    /// <summary>A background loop with a rule and no API.</summary>
    Lightweight,
}
