using System.Threading;
using Microsoft.CodeAnalysis;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Messages;

/// <summary>A [ProtocolMessage] or [WireType] the parser refused: what its declaration-only partial needs.</summary>
internal sealed record MessageShell(TypeDecl Type, bool IsMessage, Direction Direction, string WireName);

/// <summary>
/// What a refused [ProtocolMessage] or [WireType] still gets: the runtime contracts with <c>extern</c> members, so the user's code and the
/// modules that use the type still compile and its PROTO error is the only one. Nothing of it can run (the runtime refuses to load a type
/// with a bodiless method), and the build already fails on that error.
/// </summary>
internal static class MessageDeclarationEmitter
{
    private const string MaybeNull = "[global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)]";
    private const string Unavailable = "The type has declaration errors (see its PROTO diagnostics); this member has no implementation until they are fixed.";

    /// <summary>
    /// The shell of a refused type, or null when it cannot take one without a compiler error of its own: not partial (PROTO001), generic,
    /// or derived from a generated type (whose members it would have to hide exactly).
    /// </summary>
    public static MessageShell? Shell(INamedTypeSymbol type, AttributeData attribute, CancellationToken ct)
    {
        if (type.FirstNonPartial(ct) is not null || type.IsGenericType || type.ContainingType?.IsGenericType == true || MessageParser.GeneratedBase(type) != 0
            || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return null;
        }

        var isMessage = attribute.Is(AttributeNames.Message);
        return new MessageShell(
            TypeDecl.From(type),
            isMessage,
            isMessage ? (Direction)attribute.Named("Direction", 0) : Direction.Both,
            isMessage ? attribute.Ctor<string>(0) ?? "" : "");
    }

    public static string HintName(MessageShell m) => Names.HintName(m.Type.FullName.Replace("global::", ""), m.IsMessage ? "Message" : "WireType");

    public static string Emit(MessageShell m)
    {
        var self = m.Type.FullName;
        var bases = !m.IsMessage ? $"global::Protocol.IWireReadable<{self}>, global::Protocol.IWireWritable"
            : m.Direction switch
            {
                Direction.Incoming => $"global::Protocol.IIncomingMessage<{self}>, global::Protocol.IWireWritable",
                Direction.Outgoing => $"global::Protocol.IWireReadable<{self}>, global::Protocol.IOutgoingMessage",
                _ => $"global::Protocol.IIncomingMessage<{self}>, global::Protocol.IOutgoingMessage",
            };
        var w = new SourceWriter();
        w.Header();
        w.Line("#pragma warning disable CS0626 // extern without DllImport: bodiless on purpose, see MessageDeclarationEmitter");
        w.Line();
        var depth = m.Type.Open(w, bases);
        if (m.IsMessage)
        {
            w.Line($"/// <summary>The wire name, <c>{System.Security.SecurityElement.Escape(m.WireName)}</c>.</summary>");
            w.Line($"public const string WireName = {Names.Literal(m.WireName)};");
            w.Line();
            if (m.Direction != Direction.Outgoing)
            {
                w.Line($"/// <summary>The wire name as UTF-8. {Unavailable}</summary>");
                w.Line("public static extern global::System.ReadOnlySpan<byte> WireNameUtf8 { get; }");
                w.Line();
                w.Line($"/// <summary>Whether the message is of this type. {Unavailable}</summary>");
                w.Line("/// <param name=\"message\">The inbound message.</param>");
                w.Line("/// <returns>Whether it matches.</returns>");
                w.Line("public static extern bool Matches(global::Protocol.MessageView message);");
                w.Line();
                w.Line($"/// <summary>Reads the message. {Unavailable}</summary>");
                w.Line("/// <param name=\"message\">The inbound message.</param>");
                w.Line("/// <param name=\"value\">The value read.</param>");
                w.Line("/// <returns>Whether it was read.</returns>");
                w.Line($"public static extern bool TryRead(global::Protocol.MessageView message, {MaybeNull} out {self} value);");
                w.Line();
            }

            if (m.Direction != Direction.Incoming)
            {
                w.Line("extern string global::Protocol.IOutgoingMessage.MessageName { get; }");
                w.Line();
                w.Line($"/// <summary>Writes the envelope. {Unavailable}</summary>");
                w.Line("/// <param name=\"output\">Where to write.</param>");
                w.Line("public extern void WriteEnvelope(global::System.Buffers.IBufferWriter<byte> output);");
                w.Line();
            }
        }

        w.Line($"/// <summary>Writes the value as JSON. {Unavailable}</summary>");
        w.Line("/// <param name=\"writer\">Where to write.</param>");
        w.Line("public extern void WriteJson(global::System.Text.Json.Utf8JsonWriter writer);");
        w.Line();
        w.Line($"/// <summary>Reads a value. {Unavailable}</summary>");
        w.Line("/// <param name=\"reader\">Where to read.</param>");
        w.Line("/// <param name=\"value\">The value read.</param>");
        w.Line("/// <returns>Whether it was read.</returns>");
        w.Line($"public static extern bool TryRead(ref global::System.Text.Json.Utf8JsonReader reader, {MaybeNull} out {self} value);");
        TypeDecl.Close(w, depth);
        return w.ToString();
    }
}
