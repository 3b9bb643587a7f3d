using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Messages;

/// <summary>What one message or wire type needs from the assembly's shared class: its shareable enums and the property names it writes.</summary>
internal sealed record SharedItems(EquatableArray<EnumModel> Enums, EquatableArray<string> Names);

/// <summary>The assembly's shared class: where it goes, the enums it holds helpers for and the names it encodes, each once, in ordinal order.</summary>
internal sealed record SharedUnit(string Namespace, EquatableArray<EnumModel> Enums, EquatableArray<string> Names)
{
    public bool IsEmpty => Enums.Count == 0 && Names.Count == 0;
}

/// <summary>
/// The helpers every message and wire type of one assembly share, emitted once per compilation (the System.Text.Json generator's
/// per-context <c>PropName_*</c> fields, here per assembly): enum read/write helpers, and property names pre-encoded as
/// <c>JsonEncodedText</c> so writing one skips the writer's escaping scan. An assembly is the unit rather than a
/// <c>[ProtocolPlatform]</c>: one assembly may declare several platforms, and wire types belong to none. Generated code refers to the
/// class by its full name; what it may refer to depends on the model of its own type alone, so editing one type never re-emits the others.
/// </summary>
internal static class SharedHelpers
{
    public const string ClassName = "WireShared";

    public const string HintName = "ProtocolGenerated.WireShared.g.cs";

    // C# caps an identifier at 512 characters; a longer (or unencodable) name is written as a UTF-8 literal in its type, as before.
    private const int MaxMangledLength = 400;

    /// <summary>
    /// <c>ProtocolGenerated.&lt;assembly name&gt;</c>: nothing in user code is named <c>ProtocolGenerated</c>, and the assembly's name keeps two
    /// assemblies apart even when one sees the other's internals (InternalsVisibleTo). A segment that is not a plain identifier is
    /// mangled behind a '_', which no kept segment starts with, so distinct assembly names give distinct namespaces.
    /// </summary>
    public static string Namespace(string? assemblyName)
    {
        var segments = (assemblyName ?? "").Split('.').Select(s =>
            s.Length != 0 && s[0] != '_' && Names.IsValidIdentifier(s) && Names.Identifier(s) == s ? s : "_" + Names.Mangle(s));
        return "ProtocolGenerated." + string.Join(".", segments);
    }

    /// <summary>The shared class's fully qualified name in the given namespace.</summary>
    public static string ClassFullName(string ns) => "global::" + ns + "." + ClassName;

    /// <summary>Whether a name gets a shared field; the per-type emitter and the shared unit must agree, so both ask here.</summary>
    public static bool CanShare(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            // JsonEncodedText.Encode throws on a lone surrogate; in a static initializer that would break every type of the assembly.
            if (char.IsHighSurrogate(name[i]))
            {
                if (i + 1 >= name.Length || !char.IsLowSurrogate(name[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(name[i]))
            {
                return false;
            }
        }

        return Names.Mangle(name).Length <= MaxMangledLength;
    }

    /// <summary>The field holding <paramref name="name"/> encoded; one to one with the name.</summary>
    public static string NameField(string name) => "Name_" + Names.Mangle(name);

    /// <summary>The property names a type writes (members of an object layout, a JSON-action envelope's properties) and its shareable enums.</summary>
    public static SharedItems Items(MessageModel m)
    {
        var names = new List<string>();
        if (m.Layout == Layout.Object)
        {
            names.AddRange(m.Members.Select(member => member.WireName));
        }

        if (m.IsMessage && m.Envelope.Kind == EnvelopeKind.JsonAction)
        {
            names.Add(m.Envelope.ActionProperty);
            if (m.Envelope.DataProperty.Length != 0)
            {
                names.Add(m.Envelope.DataProperty);
            }
        }

        return new SharedItems(
            m.Enums.Where(e => e.Shared).ToEquatableArray(),
            names.Where(CanShare).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray());
    }

    /// <summary>
    /// Every type's items, deduplicated (enums by full name, names by their text) and sorted ordinally, so the unit is the same whatever
    /// order the types were found in. Enum field wire names join the names: a shared helper writes them pre-encoded too.
    /// </summary>
    public static SharedUnit Merge(ImmutableArray<SharedItems> messages, ImmutableArray<SharedItems> wireTypes, string ns)
    {
        var enums = new Dictionary<string, EnumModel>(System.StringComparer.Ordinal);
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var items in messages.Concat(wireTypes))
        {
            foreach (var e in items.Enums)
            {
                enums[e.FullName] = e;
            }

            names.UnionWith(items.Names);
        }

        foreach (var e in enums.Values)
        {
            names.UnionWith(e.Fields.Select(f => f.WireName).Where(CanShare));
        }

        return new SharedUnit(
            ns,
            enums.Values.OrderBy(e => e.FullName, System.StringComparer.Ordinal).ToEquatableArray(),
            names.OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray());
    }
}
