using Protocol.Generators.Helpers;

namespace Protocol.Generators.Messages;

// Mirrors Protocol.Attributes enums by value (the generator does not reference Protocol.Core).
internal enum Layout
{
    Object = 0,
    Array = 1,
    Value = 2,
    None = 3,
}

internal enum Direction
{
    Both = 0,
    Outgoing = 1,
    Incoming = 2,
}

internal enum EnvelopeKind
{
    SocketIO = 0,
    JsonAction = 1,
}

internal enum WireKind
{
    String,
    Boolean,
    Byte,
    Int16,
    Int32,
    Int64,
    UInt32,
    UInt64,
    Single,
    Double,
    Decimal,
    Enum,
    Wire,
    Array,
    List,

    /// <summary>System.Text.Json.JsonElement: any JSON value, kept as read.</summary>
    JsonElement,

    /// <summary>Dictionary&lt;string, JsonElement&gt;: a JSON object, or with [WireExtensionData] the type's unknown properties.</summary>
    JsonObject,

    /// <summary>byte[] or ReadOnlyMemory&lt;byte&gt;: an attachment reference inside a two-step message, otherwise base64 (WireBinary).</summary>
    Binary,
}

internal sealed record EnumField(string Name, string WireName);

/// <summary>
/// An enum used by a member: readers accept its number or its field wire names. <see cref="Shared"/>: its helpers live once in the
/// assembly's shared class (<see cref="SharedHelpers"/>); false when the enum is not accessible throughout the assembly (nested in a
/// private type), so the helpers stay inside each type that uses it.
/// </summary>
/// <see cref="Defined"/>: one field name per distinct value (what a strict reader accepts); <see cref="Flags"/>: any combination goes.
internal sealed record EnumModel(string FullName, string HelperSuffix, string Underlying, EquatableArray<EnumField> Fields, bool Shared, EquatableArray<string> Defined, bool Flags);

/// <summary>A member type. <see cref="Element"/> is set for arrays and lists, <see cref="Enum"/> for enums.</summary>
internal sealed record WireTypeModel(WireKind Kind, string FullName, bool Nullable, bool NullableValueType, WireTypeModel? Element, EnumModel? Enum, bool IsReference = false);

internal sealed record MemberModel(
    string Name,
    string WireName,
    EquatableArray<string> Aliases,
    int Index,
    WireTypeModel Type,
    bool Required,
    bool InInitializer,
    bool AsString,
    bool EnumAsString,
    int DecimalFormat = 0,
    bool AllowUndefinedEnum = false,
    bool AllowNonFinite = false);

internal sealed record EnvelopeModel(EnvelopeKind Kind, string ActionProperty, string DataProperty);

/// <summary>
/// Everything the emitter needs for one [ProtocolMessage] or [WireType] type: strings, enums, bools and equatable arrays only.
/// <see cref="BareArrayMember"/> and <see cref="ExtensionDataMember"/>: the index in <see cref="Members"/> of the [WireBareArray] or
/// [WireExtensionData] member, or -1. <see cref="HasBinary"/>: a binary member at any depth (its reader opens the attachments' scope).
/// <see cref="IgnoredFields"/>: property names the reader skips without reporting them as unknown (the attribute's IgnoredFields).
/// <see cref="MayReportUnknown"/>: an object read at any depth may report an unknown property to the client (false: the runtime
/// needs no report scope around the read).
/// </summary>
internal sealed record MessageModel(
    TypeDecl Type,
    bool IsMessage,
    int GeneratedBase,
    bool IsValueType,
    string WireName,
    Direction Direction,
    EquatableArray<string> WireAliases,
    EnvelopeModel Envelope,
    Layout Layout,
    int ArrayLength,
    int BareArrayMember,
    int ExtensionDataMember,
    EquatableArray<MemberModel> Members,
    EquatableArray<EnumModel> Enums,
    bool HasBinary = false,
    EquatableArray<string> IgnoredFields = default,
    bool MayReportUnknown = true);
