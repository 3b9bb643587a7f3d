namespace Protocol.Generators;

/// <summary>Names of the pipeline steps, so tests can assert each step's run reason.</summary>
public static class TrackingNames
{
    /// <summary>[ProtocolMessage] types parsed to models (null when refused), declaration-only shells and diagnostics.</summary>
    public const string MessageModels = "MessageModels";

    /// <summary>Valid message models.</summary>
    public const string Messages = "Messages";

    /// <summary>[WireType] types parsed to models (null when refused), declaration-only shells and diagnostics.</summary>
    public const string WireTypeModels = "WireTypeModels";

    /// <summary>Valid wire type models.</summary>
    public const string WireTypes = "WireTypes";

    /// <summary>The namespace of the assembly's shared serializer class, from the assembly name.</summary>
    public const string SharedScope = "SharedScope";

    /// <summary>Each message's and wire type's slice of the shared class: its shareable enums and the property names it writes.</summary>
    public const string SharedItems = "SharedItems";

    /// <summary>The slices collected, deduplicated and sorted: the shared class's model.</summary>
    public const string SharedUnit = "SharedUnit";

    /// <summary>[ProtocolRegions] declarations, with PROTO001 and the PROTO013 to report when their file is missing.</summary>
    public const string RegionDeclarations = "RegionDeclarations";

    /// <summary>AdditionalFiles parsed as region lists, with their PROTO004/PROTO005.</summary>
    public const string RegionFiles = "RegionFiles";

    /// <summary>Declarations joined with their files.</summary>
    public const string Regions = "Regions";

    /// <summary>[ProtocolTimeout] methods parsed to models (null when invalid) and diagnostics.</summary>
    public const string TimeoutModels = "TimeoutModels";

    /// <summary>Timeout wrappers grouped per containing type.</summary>
    public const string Timeouts = "Timeouts";

    /// <summary>[ProtocolConfiguration] types parsed to models (null when invalid) and diagnostics.</summary>
    public const string ConfigurationModels = "ConfigurationModels";

    /// <summary>Valid configuration models.</summary>
    public const string Configurations = "Configurations";

    /// <summary>[ProtocolModule] classes parsed to models (declaration-only when invalid, null when not even that compiles) and diagnostics.</summary>
    public const string ModuleModels = "ModuleModels";

    /// <summary>Module models to emit: full, or declaration-only for a module with mistakes.</summary>
    public const string Modules = "Modules";
}
