namespace Protocol;

/// <summary>How a platform wraps a message on the wire.</summary>
public enum WireEnvelope
{
    /// <summary>Socket.IO events: <c>42["name",{…}]</c> (and the two-step binary form, which the transport reassembles).</summary>
    SocketIO,

    /// <summary>One JSON object per frame naming its action: <c>{"action":"name", …}</c>.</summary>
    JsonAction,
}

/// <summary>How a message's or wire type's members are laid out in JSON.</summary>
public enum WireLayout
{
    /// <summary>A JSON object; each member is a property named by <see cref="WireNameAttribute"/> (default: the camelCased member name).</summary>
    Object,

    /// <summary>A JSON array; each member sits at the position given by <see cref="WireIndexAttribute"/> (PocketOption asset rows, candles).</summary>
    Array,

    /// <summary>The single declared member is the whole value (e.g. <c>42["subfor","EURUSD_otc"]</c> or an array of rows).</summary>
    Value,

    /// <summary>No argument at all (e.g. <c>42["ps"]</c>); reading accepts any or no argument.</summary>
    None,
}

/// <summary>Which way a message travels, seen from the client.</summary>
public enum WireDirection
{
    /// <summary>Sent and received (the default): the type is an <c>IOutgoingMessage</c> and an <c>IIncomingMessage</c>.</summary>
    Both,

    /// <summary>Sent by the client only: the type is an <c>IOutgoingMessage</c> (and <c>IWireReadable</c>), never routed to handlers.</summary>
    Outgoing,

    /// <summary>Received by the client only: the type is an <c>IIncomingMessage</c> (and <c>IWireWritable</c>), never sent by modules.</summary>
    Incoming,
}

/// <summary>How an enum member is written: as its number or as its wire name.</summary>
public enum WireEnumFormat
{
    /// <summary>The underlying number (reading accepts the number or its text).</summary>
    Number,

    /// <summary>The field's <see cref="WireNameAttribute"/>, or its camelCased name.</summary>
    String,
}

/// <summary>
/// Declares a platform for this assembly: its name and envelope. Messages whose <see cref="ProtocolMessageAttribute.Platform"/>
/// names it (or that name no platform, when this is the only one) use its envelope. Without any declaration messages use Socket.IO.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ProtocolPlatformAttribute : Attribute
{
    /// <summary>Declares a platform.</summary>
    /// <param name="name">The platform name messages refer to, e.g. <c>PocketOption</c>.</param>
    public ProtocolPlatformAttribute(string name) => Name = name;

    /// <summary>The platform name.</summary>
    public string Name { get; }

    /// <summary>The envelope its messages use.</summary>
    public WireEnvelope Envelope { get; set; } = WireEnvelope.SocketIO;

    /// <summary>For <see cref="WireEnvelope.JsonAction"/>: the property carrying the action name (default <c>action</c>).</summary>
    public string ActionProperty { get; set; } = "action";

    /// <summary>
    /// For <see cref="WireEnvelope.JsonAction"/>: the property carrying the message's data, or <see langword="null"/> (default) to
    /// put the message's members beside the action property.
    /// </summary>
    public string? DataProperty { get; set; }
}

/// <summary>
/// Marks a <c>partial</c> class or struct as a protocol message with the given wire name. The generator adds
/// the wire name constant, a routing rule (<c>Matches</c>), a reader (<c>TryRead</c>) and writers (<c>WriteJson</c>, <c>WriteEnvelope</c>).
/// </summary>
/// <remarks>
/// <para>
/// Wire names are unique per platform and <see cref="Direction"/>: a request and its response may share one (PocketOption's
/// <c>loadHistoryPeriod</c> goes out as a request and comes back as the answer), declared as two types, one
/// <see cref="WireDirection.Outgoing"/> and one <see cref="WireDirection.Incoming"/>. Two types with the same name (or alias) in the same
/// direction are reported as PROTO002; a <see cref="WireDirection.Both"/> type counts in both directions.
/// </para>
/// <para>
/// Every direction gets the same generated members (so a simulator, the server side, can read what the client sends and write what it
/// receives); <see cref="Direction"/> decides which runtime interfaces the type implements, so the client can only send outgoing types
/// and only handle incoming ones.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ProtocolMessageAttribute : Attribute
{
    /// <summary>Declares a message.</summary>
    /// <param name="wireName">The event or action name, e.g. <c>changeSymbol</c>.</param>
    public ProtocolMessageAttribute(string wireName) => WireName = wireName;

    /// <summary>The event or action name on the wire.</summary>
    public string WireName { get; }

    /// <summary>The platform (see <see cref="ProtocolPlatformAttribute"/>); empty for the assembly's only or default platform.</summary>
    public string Platform { get; set; } = "";

    /// <summary>How the members are laid out (default <see cref="WireLayout.Object"/>).</summary>
    public WireLayout Layout { get; set; } = WireLayout.Object;

    /// <summary>For <see cref="WireLayout.Array"/>: the exact element count a valid value has, or -1 (default) for any count.</summary>
    public int ArrayLength { get; set; } = -1;

    /// <summary>
    /// Which way the message travels (default <see cref="WireDirection.Both"/>). See the remarks on <see cref="ProtocolMessageAttribute"/>.
    /// </summary>
    public WireDirection Direction { get; set; } = WireDirection.Both;

    /// <summary>
    /// Other wire names the same incoming message arrives under (PocketOption's rejection: <c>NotAuthorized</c>, <c>notAuthorized</c>,
    /// <c>auth_error</c>). <c>Matches</c> and the client's dispatch table accept each; the message is still written under
    /// <see cref="WireName"/>. Not allowed on a <see cref="WireDirection.Outgoing"/> message (nothing reads it); an alias used by another
    /// message of the same platform and direction is PROTO002.
    /// </summary>
    public string[] Aliases { get; set; } = [];

    /// <summary>
    /// Wire property names this type knows but does not read (a secret the client must not keep, such as PocketOption's <c>uid</c>
    /// beside a balance): skipped like any undeclared property, but never counted or logged as an unknown field
    /// (<c>protocol.unknown_fields</c>). A name a member declares is read as usual.
    /// </summary>
    public string[] IgnoredFields { get; set; } = [];
}

/// <summary>
/// Marks a <c>partial</c> class or struct as a JSON shape used inside messages (a deal, an asset row, a candle): it gets a reader and
/// a writer but no wire name or envelope.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class WireTypeAttribute : Attribute
{
    /// <summary>How the members are laid out (default <see cref="WireLayout.Object"/>).</summary>
    public WireLayout Layout { get; set; } = WireLayout.Object;

    /// <summary>For <see cref="WireLayout.Array"/>: the exact element count a valid value has, or -1 (default) for any count.</summary>
    public int ArrayLength { get; set; } = -1;

    /// <summary>
    /// Wire property names this type knows but does not read (a secret the client must not keep, such as PocketOption's <c>uid</c>
    /// beside a balance): skipped like any undeclared property, but never counted or logged as an unknown field
    /// (<c>protocol.unknown_fields</c>). A name a member declares is read as usual.
    /// </summary>
    public string[] IgnoredFields { get; set; } = [];
}

/// <summary>The JSON property name of a member, or the wire name of an enum field (default: the camelCased name).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class WireNameAttribute : Attribute
{
    /// <summary>Sets the name.</summary>
    /// <param name="name">The name on the wire.</param>
    public WireNameAttribute(string name) => Name = name;

    /// <summary>The name on the wire.</summary>
    public string Name { get; }
}

/// <summary>Another property name a member is read from (e.g. <c>sessionToken</c> for <c>session</c>). Never written.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
public sealed class WireAliasAttribute : Attribute
{
    /// <summary>Adds an alias.</summary>
    /// <param name="name">The alternative name.</param>
    public WireAliasAttribute(string name) => Name = name;

    /// <summary>The alternative name.</summary>
    public string Name { get; }
}

/// <summary>The position of a member in a <see cref="WireLayout.Array"/> value.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class WireIndexAttribute : Attribute
{
    /// <summary>Sets the position.</summary>
    /// <param name="index">The zero-based element index.</param>
    public WireIndexAttribute(int index) => Index = index;

    /// <summary>The zero-based element index.</summary>
    public int Index { get; }
}

/// <summary>
/// Writes a numeric member as a JSON string (<c>"1.5"</c>, as rust_decimal does). Readers accept numbers and numeric strings for every
/// numeric member either way.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class WireNumberAsStringAttribute : Attribute
{
}

/// <summary>
/// How an enum member (or every member of this enum type) is written; readers accept both forms. Readers are strict by default: a
/// number that is not one of the enum's fields makes the value unreadable (a <c>[Flags]</c> enum accepts any combination), unless
/// <see cref="AllowUndefined"/> is set here, on the member or on the enum type.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Enum, Inherited = false)]
public sealed class WireEnumAttribute : Attribute
{
    /// <summary>Sets the format.</summary>
    /// <param name="format">Number or string.</param>
    public WireEnumAttribute(WireEnumFormat format) => Format = format;

    /// <summary>Number or string.</summary>
    public WireEnumFormat Format { get; }

    /// <summary>Accept numbers that name no field (kept as the number, written back as the number); default false.</summary>
    public bool AllowUndefined { get; set; }
}

/// <summary>
/// A member that may be missing on the wire although its type is not nullable; it keeps its initial value then. Nullable members are
/// optional anyway (and are left out of the JSON when <see langword="null"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class WireOptionalAttribute : Attribute
{
}

/// <summary>
/// The array or list member a bare JSON array fills, for an object-layout type that also arrives as just that array. PocketOption's
/// <c>successcloseOrder</c> is <c>{"profit":…,"deals":[…]}</c> or a bare <c>[…]</c> of deals: mark <c>Deals</c> with this and both read.
/// The other members keep their initial values in the bare form, so they must be optional (nullable or <see cref="WireOptionalAttribute"/>).
/// Writing always uses the object form. At most one member per type.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class WireBareArrayAttribute : Attribute
{
}

/// <summary>
/// A <c>Dictionary&lt;string, JsonElement&gt;</c> member that keeps every property the type does not declare (the SSID's unknown keys),
/// so a value read and written back loses nothing. Reading adds each unknown property (a repeated one: the last wins, as for declared
/// members); writing puts the entries after the declared members, in the dictionary's order. Never required; left
/// <see langword="null"/> (or at its initial value) when there is nothing unknown. Only on an object-layout type, at most one per type.
/// Without this attribute a <c>Dictionary&lt;string, JsonElement&gt;</c> member is an ordinary property holding a JSON object, and a
/// <c>JsonElement</c> member holds any JSON value as read.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class WireExtensionDataAttribute : Attribute
{
}

/// <summary>How a <see cref="decimal"/> member's digits are written (as a number, or with <see cref="WireNumberAsStringAttribute"/> as a string).</summary>
public enum WireDecimalFormat
{
    /// <summary>The default: the value's own scale, as System.Text.Json writes it (<c>5000m</c> → <c>5000</c>, <c>5000.0m</c> → <c>5000.0</c>, <c>1.50m</c> → <c>1.50</c>).</summary>
    AsIs,

    /// <summary>Trailing zeros dropped: <c>5000.0m</c> → <c>5000</c>, <c>1.50m</c> → <c>1.5</c>.</summary>
    Trimmed,

    /// <summary>At least one decimal place, as JavaScript clients send amounts: <c>5000m</c> → <c>5000.0</c>, <c>1.50m</c> → <c>1.50</c>.</summary>
    AtLeastOneDecimal,
}

/// <summary>
/// How a <see cref="decimal"/> member (or each element of a decimal array or list) is written; default <see cref="WireDecimalFormat.AsIs"/>.
/// Combine with <see cref="WireNumberAsStringAttribute"/> for a string (<c>"5000.0"</c>). Reading accepts every form.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class WireDecimalAttribute : Attribute
{
    /// <summary>Sets the format.</summary>
    /// <param name="format">How the digits are written.</param>
    public WireDecimalAttribute(WireDecimalFormat format) => Format = format;

    /// <summary>How the digits are written.</summary>
    public WireDecimalFormat Format { get; }
}

/// <summary>
/// A <see cref="double"/> or <see cref="float"/> member (or list of them) that accepts non-finite values: a number too large for the type
/// reads as infinity, and the strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> are read and written (System.Text.Json's
/// named floating-point literals; JSON has no number for them). Without it such values make the value unreadable.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class WireAllowNonFiniteAttribute : Attribute
{
}

/// <summary>A member that is neither read nor written.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class WireIgnoreAttribute : Attribute
{
}
