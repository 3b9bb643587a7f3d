using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Protocol.Generators.Diagnostics;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Messages;

/// <summary>
/// Symbols to <see cref="MessageModel"/> plus the diagnostics the message generator reports: one pass applies the rules and explains
/// every refusal.
/// </summary>
internal static class MessageParser
{
    public static MessageModel? Parse(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, List<DiagnosticInfo>? diagnostics, CancellationToken ct)
    {
        var valid = true;
        void Report(DiagnosticDescriptor d, Location location, params object[] args)
        {
            valid = false;
            diagnostics?.Add(DiagnosticInfo.Create(d, location, args));
        }

        var isMessage = attribute.Is(AttributeNames.Message);
        var display = type.ToDisplayString();
        var wireName = isMessage ? attribute.Ctor<string>(0) ?? "" : "";
        var layout = (Layout)attribute.Named("Layout", 0);
        var arrayLength = attribute.Named("ArrayLength", -1);
        var direction = isMessage ? (Direction)attribute.Named("Direction", 0) : Direction.Both;
        var wireAliases = isMessage ? Aliases(attribute).ToList() : new List<string>();

        if (type.FirstNonPartial(ct) is { } notPartial)
        {
            Report(Descriptors.MissingPartial, notPartial.Where(), notPartial.ToDisplayString(), "serializer");
        }

        if (type.IsGenericType || type.ContainingType?.IsGenericType == true)
        {
            Report(Descriptors.NotConstructible, type.Where(), display, "generic types are not supported; declare a closed, non-generic type");
        }

        if (isMessage && !IsValidWireName(wireName))
        {
            Report(Descriptors.InvalidWireName, attribute.Where(type), wireName, display);
        }

        foreach (var alias in attribute.NamedStrings("Aliases"))
        {
            if (!IsValidWireName(alias))
            {
                Report(Descriptors.InvalidWireName, attribute.Where(type), alias, display);
            }
        }

        if (direction == Direction.Outgoing && wireAliases.Count != 0)
        {
            Report(Descriptors.InvalidMessage, attribute.Where(type), display, "Aliases are names a message is received under, but Direction = WireDirection.Outgoing is never received; remove Aliases or make it Incoming or Both");
        }

        if (arrayLength < -1 || (arrayLength >= 0 && layout != Layout.Array))
        {
            Report(Descriptors.LayoutMismatch, attribute.Where(type), display, "ArrayLength applies only to Layout = WireLayout.Array and must be -1 (any) or a count");
        }

        var envelope = new EnvelopeModel(EnvelopeKind.SocketIO, "action", "");
        if (isMessage)
        {
            envelope = ResolvePlatform(type, attribute, compilation, out var problem) ?? envelope;
            if (problem is not null)
            {
                Report(Descriptors.UnknownPlatform, attribute.Where(type), display, attribute.Named("Platform", "") ?? "", problem);
            }
        }

        if (!type.IsValueType && (type.IsAbstract || !type.InstanceConstructors.Any(c => c.Parameters.Length == 0)))
        {
            Report(Descriptors.NotConstructible, type.Where(), display, "a reader needs a parameterless constructor (and a non-abstract type); add one");
        }

        var members = new List<MemberModel>();
        var bareArray = -1;
        var extensionData = -1;
        var enums = new Dictionary<string, EnumModel>();
        foreach (var (symbol, declaredIn) in Candidates(type, compilation))
        {
            ct.ThrowIfCancellationRequested();
            var inherited = declaredIn is not null;

            ITypeSymbol memberType;
            bool writable, initOnly, isRequired;
            switch (symbol)
            {
                case IPropertySymbol { IsIndexer: false, GetMethod: not null } p:
                    memberType = p.Type;
                    writable = p.SetMethod is not null;
                    initOnly = p.SetMethod?.IsInitOnly == true;
                    isRequired = p.IsRequired;
                    break;
                case IFieldSymbol f:
                    memberType = f.Type;
                    writable = !f.IsReadOnly;
                    initOnly = false;
                    isRequired = f.IsRequired;
                    break;
                default:
                    continue;
            }

            if (symbol.Find(AttributeNames.WireIgnore) is not null)
            {
                continue;
            }

            // An inherited member is reported on the derived type (the base may be in another file or assembly) and named as such.
            var memberDisplay = display + "." + symbol.Name;
            var where = inherited ? type.Where() : symbol.Where();
            if (isMessage && layout == Layout.Value && envelope.Kind == EnvelopeKind.SocketIO && Unwrap(memberType) is { } valueType
                && !IsBinary(valueType) && WrapsBareBinary(valueType, compilation, 0))
            {
                // The argument may then arrive as a bare placeholder (451-["chunk",{"_placeholder":true,"num":0}]), whose attachment only a
                // binary member of the message itself reads; through a wrapper type the read would fail at run time instead.
                Report(Descriptors.LayoutMismatch, where, memberDisplay,
                    $"'{valueType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString()}' wraps a binary value in Layout = WireLayout.Value, and a bare binary argument (a Socket.IO attachment) is read only into a byte[] or ReadOnlyMemory<byte> member of the message itself; declare this member as byte[] or ReadOnlyMemory<byte>");
            }

            if (!writable)
            {
                Report(Descriptors.NotConstructible, where, memberDisplay, inherited
                    ? $"it is inherited from '{declaredIn!.ToDisplayString()}' and has no setter or init accessor; add one or mark it [WireIgnore] there"
                    : "it has no setter or init accessor; add one or mark it [WireIgnore]");
            }
            else if (inherited && symbol is IPropertySymbol { SetMethod: { } setter } && !compilation.IsSymbolAccessibleWithin(setter, type))
            {
                Report(Descriptors.NotConstructible, where, memberDisplay,
                    $"it is inherited from '{declaredIn!.ToDisplayString()}' and its setter is not accessible from the derived type; make the setter protected, internal or public, or mark it [WireIgnore] there");
            }

            var wireType = ResolveType(memberType, enums, compilation);
            if (wireType is null)
            {
                Report(Descriptors.UnsupportedMemberType, where, memberDisplay, memberType.ToDisplayString());
                continue;
            }

            var indexAttribute = symbol.Find(AttributeNames.WireIndex);
            var index = indexAttribute?.Ctor<int>(0) ?? -1;
            // A mistake in the index points at the attribute, unless it was made in a base type (then at the member's use here).
            // Looked up only when reported: the attribute's syntax is not needed otherwise.
            Location IndexWhere() => indexAttribute is null || inherited ? where : indexAttribute.Where(symbol);

            if (indexAttribute is not null && layout != Layout.Array)
            {
                Report(Descriptors.LayoutMismatch, IndexWhere(), memberDisplay, "[WireIndex] applies only to types with Layout = WireLayout.Array; remove it or change the layout");
            }
            else if (layout == Layout.Array && index < 0)
            {
                Report(Descriptors.LayoutMismatch, where, memberDisplay, "every member of an array-layout type needs [WireIndex(n)] with n >= 0");
            }
            else if (layout == Layout.Array && arrayLength >= 0 && index >= arrayLength)
            {
                // The row has exactly ArrayLength elements, so this one would never be read (and the writer would write a row too long).
                Report(Descriptors.LayoutMismatch, IndexWhere(), memberDisplay,
                    $"[WireIndex({index})] is outside the declared ArrayLength = {arrayLength} (positions 0 to {arrayLength - 1}); raise ArrayLength or correct the index");
            }

            var asString = symbol.Find(AttributeNames.WireNumberAsString) is { } asStringAttribute;
            if (asString && !IsNumber(wireType))
            {
                Report(Descriptors.LayoutMismatch, where, memberDisplay, "[WireNumberAsString] applies only to numeric members; remove it");
            }

            if (symbol.Find(AttributeNames.WireBareArray) is not null)
            {
                if (layout != Layout.Object || wireType.Kind is not (WireKind.Array or WireKind.List))
                {
                    Report(Descriptors.LayoutMismatch, where, memberDisplay, "[WireBareArray] marks the array or list member a bare JSON array fills, so it applies only to an array or List<T> member of a Layout = WireLayout.Object type");
                }
                else if (bareArray >= 0)
                {
                    Report(Descriptors.LayoutMismatch, where, memberDisplay, $"only one member can take the bare array form, and '{members[bareArray].Name}' already does; remove one [WireBareArray]");
                }
                else
                {
                    bareArray = members.Count;
                }
            }

            var isExtension = false;
            if (symbol.Find(AttributeNames.WireExtensionData) is not null)
            {
                if (layout != Layout.Object || wireType.Kind != WireKind.JsonObject)
                {
                    Report(Descriptors.LayoutMismatch, where, memberDisplay, "[WireExtensionData] keeps the unknown properties of an object, so it applies only to a Dictionary<string, JsonElement> member of a Layout = WireLayout.Object type");
                }
                else if (extensionData >= 0)
                {
                    Report(Descriptors.LayoutMismatch, where, memberDisplay, $"'{members[extensionData].Name}' already keeps the unknown properties; remove one [WireExtensionData]");
                }
                else
                {
                    extensionData = members.Count;
                    isExtension = true;
                }
            }

            var decimalFormat = 0;
            if (symbol.Find(AttributeNames.WireDecimal) is { } decimalAttribute)
            {
                decimalFormat = decimalAttribute.Ctor<int>(0);
                if ((wireType.Element ?? wireType).Kind != WireKind.Decimal || wireType.Element?.Element is not null)
                {
                    Report(Descriptors.LayoutMismatch, where, memberDisplay, "[WireDecimal] applies only to a decimal member or an array or list of decimals; remove it");
                }
            }

            var allowNonFinite = symbol.Find(AttributeNames.WireAllowNonFinite) is not null;
            if (allowNonFinite && ((wireType.Element ?? wireType).Kind is not (WireKind.Double or WireKind.Single) || wireType.Element?.Element is not null))
            {
                Report(Descriptors.LayoutMismatch, where, memberDisplay, "[WireAllowNonFinite] applies only to a double or float member or an array or list of them; remove it");
            }

            var allowUndefined = (symbol.Find(AttributeNames.WireEnum)?.Named("AllowUndefined", false) ?? false)
                || (Unwrap(ElementOf(memberType))?.Find(AttributeNames.WireEnum)?.Named("AllowUndefined", false) ?? false);
            var enumFormat = symbol.Find(AttributeNames.WireEnum)?.Ctor<int>(0)
                ?? Unwrap(memberType)?.Find(AttributeNames.WireEnum)?.Ctor<int>(0)
                ?? 0;

            members.Add(new MemberModel(
                symbol.Name,
                symbol.Find(AttributeNames.WireName)?.Ctor<string>(0) ?? Names.CamelCase(symbol.Name),
                symbol.FindAll(AttributeNames.WireAlias).Select(a => a.Ctor<string>(0) ?? "").ToEquatableArray(),
                index,
                wireType,
                Required: !isExtension && !wireType.Nullable && symbol.Find(AttributeNames.WireOptional) is null,
                InInitializer: initOnly || isRequired,
                AsString: asString,
                EnumAsString: enumFormat == 1,
                DecimalFormat: decimalFormat,
                AllowUndefinedEnum: allowUndefined,
                AllowNonFinite: allowNonFinite));
        }

        if (layout == Layout.Value && members.Count != 1)
        {
            Report(Descriptors.LayoutMismatch, type.Where(), display, $"Layout = WireLayout.Value needs exactly one serialized member, found {members.Count}");
        }

        if (layout == Layout.None && members.Count != 0)
        {
            Report(Descriptors.LayoutMismatch, type.Where(), display, "Layout = WireLayout.None sends no argument, so the type must have no serialized members; mark them [WireIgnore] or change the layout");
        }

        if (isMessage && envelope.Kind == EnvelopeKind.JsonAction && envelope.DataProperty.Length == 0 && layout is not (Layout.Object or Layout.None))
        {
            Report(Descriptors.LayoutMismatch, type.Where(), display, "a JSON-action platform without a DataProperty puts members beside the action, so the message needs Layout = WireLayout.Object");
        }

        if (bareArray >= 0)
        {
            // The bare form carries only the array, so every other member must be allowed to be missing.
            foreach (var other in members.Where((m, i) => i != bareArray && m.Required))
            {
                Report(Descriptors.LayoutMismatch, type.Where(), display + "." + other.Name,
                    $"the bare array form fills only '{members[bareArray].Name}', so this member must be optional; make it nullable or mark it [WireOptional]");
            }
        }

        CheckDuplicates(type, display, layout, members, extensionData, Report);

        if (!valid)
        {
            return null;
        }

        return new MessageModel(
            TypeDecl.From(type),
            isMessage,
            GeneratedBase(type),
            type.IsValueType,
            wireName,
            direction,
            wireAliases.ToEquatableArray(),
            envelope,
            layout,
            arrayLength,
            bareArray,
            extensionData,
            (layout == Layout.Array ? members.OrderBy(m => m.Index) : (IEnumerable<MemberModel>)members).ToEquatableArray(),
            enums.Values.OrderBy(e => e.FullName, System.StringComparer.Ordinal).ToEquatableArray(),
            ContainsBinary(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default)),
            attribute.NamedStrings("IgnoredFields").Distinct(System.StringComparer.Ordinal).ToEquatableArray(),
            MayReportUnknown(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default)));
    }

    private static bool IsBinary(ITypeSymbol type) =>
        (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        || (type is INamedTypeSymbol { IsGenericType: true } named && named.OriginalDefinition.ToDisplayString() == "System.ReadOnlyMemory<T>"
            && named.TypeArguments[0].SpecialType == SpecialType.System_Byte);

    // Whether a value of the type is a bare binary in JSON: a [WireType] or [ProtocolMessage] with Layout = Value whose one member is
    // byte[], ReadOnlyMemory<byte> or another such type (depth-bounded: a cycle is refused elsewhere).
    private static bool WrapsBareBinary(ITypeSymbol type, Compilation compilation, int depth)
    {
        if (depth > 8 || type is not INamedTypeSymbol named
            || (named.Find(AttributeNames.WireType) ?? named.Find(AttributeNames.Message)) is not { } attribute
            || (Layout)attribute.Named("Layout", 0) != Layout.Value)
        {
            return false;
        }

        foreach (var (symbol, _) in Candidates(named, compilation))
        {
            var memberType = symbol switch
            {
                IPropertySymbol { IsIndexer: false, GetMethod: not null } p => p.Type,
                IFieldSymbol f => f.Type,
                _ => null,
            };
            if (memberType is not null && symbol.Find(AttributeNames.WireIgnore) is null && Unwrap(memberType) is { } inner
                && (IsBinary(inner) || WrapsBareBinary(inner, compilation, depth + 1)))
            {
                return true;
            }
        }

        return false;
    }

    // Whether a binary member sits anywhere in the type (its own members, list and array elements, nested wire types, its
    // bases), so the reader of a message opens the attachments' scope only when something can read from it.
    private static bool ContainsBinary(ITypeSymbol type, HashSet<ITypeSymbol> seen)
    {
        if (IsBinary(type))
        {
            return true;
        }

        if (Contained(type) is { } element)
        {
            return ContainsBinary(element, seen);
        }

        return type is INamedTypeSymbol named && named.SpecialType == SpecialType.None && named.TypeKind is TypeKind.Class or TypeKind.Struct && seen.Add(named)
            && InstanceMembers(named).Any(m => ContainsBinary(m.Type, seen));
    }

    // The element of an array or a List<T>, or the value of a Nullable<T>: what a member of that type reads; null otherwise.
    private static ITypeSymbol? Contained(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable => nullable.TypeArguments[0],
        INamedTypeSymbol { IsGenericType: true } list when list.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>" => list.TypeArguments[0],
        _ => null,
    };

    // Every instance property and field of the type and its bases, with its type: what a reader of it may read, at most.
    private static IEnumerable<(ISymbol Member, ITypeSymbol Type)> InstanceMembers(INamedTypeSymbol named)
    {
        for (var t = named; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                var memberType = member switch
                {
                    IPropertySymbol { IsStatic: false, IsIndexer: false } p => p.Type,
                    IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } f => f.Type,
                    _ => null,
                };
                if (memberType is not null)
                {
                    yield return (member, memberType);
                }
            }
        }
    }

    // Whether reading the type can report an unknown property to the client (UnknownMembers.Report, which only an object-layout
    // reader without [WireExtensionData] calls): the type itself, list and array elements, nested wire types and bases, at any
    // depth. A named type the generator does not read itself (no [WireType] or [ProtocolMessage]) counts as one that may, so the
    // runtime keeps the report's scope for it; a type that cannot lets the runtime skip that scope on every read.
    private static bool MayReportUnknown(ITypeSymbol type, HashSet<ITypeSymbol> seen)
    {
        if (type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum || IsBinary(type))
        {
            return false;
        }

        if (Contained(type) is { } element)
        {
            return MayReportUnknown(element, seen);
        }

        switch (type)
        {
            case INamedTypeSymbol named when named.ToDisplayString() == "System.Text.Json.JsonElement"
                || (named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.Dictionary<TKey, TValue>"
                    && named.TypeArguments[1].ToDisplayString() == "System.Text.Json.JsonElement"):
                // Any JSON kept as read: nothing of it is a declared member.
                return false;
            case INamedTypeSymbol named when named.TypeKind is TypeKind.Class or TypeKind.Struct:
                if (!seen.Add(named))
                {
                    // Already being looked at further up: its own members answer there.
                    return false;
                }

                if ((named.Find(AttributeNames.WireType) ?? named.Find(AttributeNames.Message)) is not { } attribute)
                {
                    return true;
                }

                var members = InstanceMembers(named).ToList();
                var reportsItself = (Layout)attribute.Named("Layout", 0) == Layout.Object
                    && !members.Any(m => m.Member.Find(AttributeNames.WireExtensionData) is not null);
                return reportsItself || members.Any(m => MayReportUnknown(m.Type, seen));
            default:
                return true;
        }
    }

    /// <summary>A message's aliases: distinct, without its own wire name, in declaration order.</summary>
    public static IEnumerable<string> Aliases(AttributeData attribute)
    {
        var wireName = attribute.Ctor<string>(0) ?? "";
        return attribute.NamedStrings("Aliases").Where(a => a != wireName).Distinct(System.StringComparer.Ordinal);
    }

    /// <summary>
    /// The members that may be serialised: the type's own public and internal instance members, then those it inherits (a base's come
    /// first, as System.Text.Json orders them); a member redeclared or overridden lower down is taken once, from the most derived type.
    /// <c>declaredIn</c> is null for the type's own members. Members a base keeps private, or internal to another assembly, are not
    /// visible to the generated code and are no part of the wire shape.
    /// </summary>
    private static IEnumerable<(ISymbol Symbol, INamedTypeSymbol? DeclaredIn)> Candidates(INamedTypeSymbol type, Compilation compilation)
    {
        var levels = new List<List<(ISymbol, INamedTypeSymbol?)>>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var t = type; t is not null && t.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); t = t.BaseType)
        {
            var level = new List<(ISymbol, INamedTypeSymbol?)>();
            foreach (var symbol in t.GetMembers())
            {
                // Any member lower down hides the base's of that name from the generated code, whatever its accessibility.
                var first = symbol.IsImplicitlyDeclared || seen.Add(symbol.Name);
                if (!first || symbol.IsStatic || symbol.IsImplicitlyDeclared || symbol is not (IPropertySymbol or IFieldSymbol)
                    || symbol.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal)
                    || (!SymbolEqualityComparer.Default.Equals(t, type) && !compilation.IsSymbolAccessibleWithin(symbol, type)))
                {
                    continue;
                }

                level.Add((symbol, SymbolEqualityComparer.Default.Equals(t, type) ? null : t));
            }

            levels.Add(level);
        }

        levels.Reverse();
        return levels.SelectMany(l => l);
    }

    /// <summary>
    /// Which generated members a base type has, so the derived type's must say <c>new</c> (exactly those: <c>new</c> on a member that
    /// hides nothing is a warning too): 0 none, 1 a [WireType]'s reader and writer, 2 a message's members as well, 3 with aliases.
    /// </summary>
    public static int GeneratedBase(INamedTypeSymbol type)
    {
        var found = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.Find(AttributeNames.Message) is { } message)
            {
                found = System.Math.Max(found, Aliases(message).Any() ? 3 : 2);
            }
            else if (t.Find(AttributeNames.WireType) is not null)
            {
                found = System.Math.Max(found, 1);
            }
        }

        return found;
    }

    public static bool IsValidWireName(string name) => name.Length != 0 && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>Finds the declared platform a message belongs to; null + problem text when it cannot.</summary>
    public static EnvelopeModel? ResolvePlatform(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, out string? problem)
    {
        problem = null;
        var platform = attribute.Named("Platform", "") ?? "";
        var declared = compilation.Assembly.FindAll(AttributeNames.Platform).ToList();
        AttributeData? match = null;
        if (platform.Length == 0)
        {
            if (declared.Count > 1)
            {
                problem = "this assembly declares several platforms, so each message must name one";
                return null;
            }

            match = declared.FirstOrDefault();
        }
        else
        {
            match = declared.FirstOrDefault(a => a.Ctor<string>(0) == platform);
            if (match is null)
            {
                problem = "no [assembly: ProtocolPlatform] declares that name";
                return null;
            }
        }

        if (match is null)
        {
            return new EnvelopeModel(EnvelopeKind.SocketIO, "action", "");
        }

        var action = match.Named("ActionProperty", "action") ?? "action";
        return new EnvelopeModel((EnvelopeKind)match.Named("Envelope", 0), action.Length == 0 ? "action" : action, match.Named<string>("DataProperty") ?? "");
    }

    /// <summary>The platform name a message resolves to (for duplicate checks).</summary>
    public static string PlatformName(AttributeData attribute, Compilation compilation)
    {
        var platform = attribute.Named("Platform", "") ?? "";
        if (platform.Length != 0)
        {
            return platform;
        }

        var declared = compilation.Assembly.FindAll(AttributeNames.Platform).ToList();
        return declared.Count == 1 ? declared[0].Ctor<string>(0) ?? "" : "";
    }

    private static void CheckDuplicates(INamedTypeSymbol type, string display, Layout layout, List<MemberModel> members, int extensionData, System.Action<DiagnosticDescriptor, Location, object[]> report)
    {
        var seen = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var m in members.Where((m, i) => i != extensionData))
        {
            var keys = layout == Layout.Array
                ? new[] { "[" + m.Index + "]" }
                : new[] { m.WireName }.Concat(m.Aliases);
            foreach (var key in keys)
            {
                if (seen.TryGetValue(key, out var other))
                {
                    report(Descriptors.DuplicateMemberName, type.Where(), new object[] { key, display, other + ", " + m.Name });
                }
                else
                {
                    seen[key] = m.Name;
                }
            }
        }
    }

    // The element type of an array or List<T> (for attributes on the enum type of a list's elements), else the type itself.
    private static ITypeSymbol ElementOf(ITypeSymbol t) => t switch
    {
        IArrayTypeSymbol a => a.ElementType,
        INamedTypeSymbol { IsGenericType: true } n when n.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>" => n.TypeArguments[0],
        _ => t,
    };

    private static ITypeSymbol? Unwrap(ITypeSymbol t) => t is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : t;

    private static bool IsNumber(WireTypeModel t) => t.Kind is WireKind.Byte or WireKind.Int16 or WireKind.Int32 or WireKind.Int64 or WireKind.UInt32 or WireKind.UInt64 or WireKind.Single or WireKind.Double or WireKind.Decimal;

    public static WireTypeModel? ResolveType(ITypeSymbol type, Dictionary<string, EnumModel> enums, Compilation compilation)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            var inner = ResolveType(nullable.TypeArguments[0], enums, compilation);
            return inner is null || inner.Nullable ? null : inner with { Nullable = true, NullableValueType = true };
        }

        var annotated = type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated;
        var fullName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        WireKind? kind = type.SpecialType switch
        {
            SpecialType.System_String => WireKind.String,
            SpecialType.System_Boolean => WireKind.Boolean,
            SpecialType.System_Byte => WireKind.Byte,
            SpecialType.System_Int16 => WireKind.Int16,
            SpecialType.System_Int32 => WireKind.Int32,
            SpecialType.System_Int64 => WireKind.Int64,
            SpecialType.System_UInt32 => WireKind.UInt32,
            SpecialType.System_UInt64 => WireKind.UInt64,
            SpecialType.System_Single => WireKind.Single,
            SpecialType.System_Double => WireKind.Double,
            SpecialType.System_Decimal => WireKind.Decimal,
            _ => null,
        };
        if (kind is { } k)
        {
            return new WireTypeModel(k, fullName, annotated, false, null, null, k == WireKind.String);
        }

        // Binary data: a Socket.IO attachment (two-step) or base64, not an array of numbers.
        if (IsBinary(type))
        {
            return new WireTypeModel(WireKind.Binary, fullName, annotated, false, null, null, type.IsReferenceType);
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            var element = ResolveType(array.ElementType, enums, compilation);
            return element is null ? null : new WireTypeModel(WireKind.Array, element.FullName, annotated, false, element, null, true);
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            if (!enums.TryGetValue(fullName, out var model))
            {
                var fields = named.GetMembers().OfType<IFieldSymbol>()
                    .Where(f => f.HasConstantValue)
                    .Select(f => new EnumField(f.Name, f.Find(AttributeNames.WireName)?.Ctor<string>(0) ?? Names.CamelCase(f.Name)));
                // The suffix is the full name mangled one to one, so two enums never share a helper name (Names.PascalIdentifier made
                // A.BC and AB.C the same). Helpers go to the assembly's shared class only when the enum is visible from all of it.
                model = new EnumModel(
                    fullName,
                    Names.Mangle(fullName.Replace("global::", "")),
                    named.EnumUnderlyingType?.ToDisplayString() ?? "int",
                    fields.ToEquatableArray(),
                    Shared: compilation.IsSymbolAccessibleWithin(named, compilation.Assembly),
                    Defined: named.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)
                        .GroupBy(f => System.Convert.ToString(f.ConstantValue, System.Globalization.CultureInfo.InvariantCulture))
                        .Select(g => g.First().Name).ToEquatableArray(),
                    Flags: named.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute"));
                enums[fullName] = model;
            }

            return new WireTypeModel(WireKind.Enum, fullName, false, false, null, model);
        }

        if (fullName == "global::System.Text.Json.JsonElement")
        {
            return new WireTypeModel(WireKind.JsonElement, fullName, false, false, null, null);
        }

        if (named.IsGenericType && named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.Dictionary<TKey, TValue>"
            && named.TypeArguments[0].SpecialType == SpecialType.System_String
            && named.TypeArguments[1].ToDisplayString() == "System.Text.Json.JsonElement")
        {
            return new WireTypeModel(WireKind.JsonObject, "global::System.Collections.Generic.Dictionary<string, global::System.Text.Json.JsonElement>", annotated, false, null, null, true);
        }

        if (named.IsGenericType && named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>")
        {
            var element = ResolveType(named.TypeArguments[0], enums, compilation);
            return element is null ? null : new WireTypeModel(WireKind.List, element.FullName, annotated, false, element, null, true);
        }

        if (named.Find(AttributeNames.WireType) is not null || named.Find(AttributeNames.Message) is not null || ImplementsWireContracts(named))
        {
            return new WireTypeModel(WireKind.Wire, fullName, annotated, false, null, null, named.IsReferenceType);
        }

        return null;
    }

    private static bool ImplementsWireContracts(INamedTypeSymbol type)
    {
        bool readable = false, writable = false;
        foreach (var i in type.AllInterfaces)
        {
            var name = i.OriginalDefinition.ContainingNamespace?.ToDisplayString() + "." + i.OriginalDefinition.MetadataName;
            readable |= name == AttributeNames.IWireReadable && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type);
            writable |= name == AttributeNames.IWireWritable;
        }

        return readable && writable;
    }
}
