using System.Linq;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Messages;

/// <summary>
/// Model to source. Generated code calls Protocol.Infrastructure.WireJson for the shared parts, and the assembly's generated shared class
/// (<see cref="SharedHelpers"/>) for enum helpers and pre-encoded property names, so it stays small.
/// </summary>
internal static class MessageEmitter
{
    private const string Json = "global::System.Text.Json";
    private const string Token = Json + ".JsonTokenType";
    private const string WireJson = "global::Protocol.Infrastructure.WireJson";
    private const string UnknownMembers = "global::Protocol.Infrastructure.UnknownMembers";

    // The lookup's index for a property the reader knows but does not read (see SkippedNames); -1 is an unknown one.
    private const int SkippedMemberIndex = -2;

    // The 42[ envelope is Socket.IO's, so its writer lives in Protocol.SocketIO (a Socket.IO platform references it for the transport).
    private const string SocketIOEventWriter = "global::Protocol.SocketIO.SocketIOEventWriter";
    private const string MaybeNull = "[global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)]";

    public static string HintName(MessageModel m) => Names.HintName(m.Type.FullName.Replace("global::", ""), m.IsMessage ? "Message" : "WireType");

    /// <param name="m">The type.</param>
    /// <param name="shared">The shared class's full name (<see cref="SharedHelpers.ClassFullName"/>).</param>
    public static string Emit(MessageModel m, string shared)
    {
        var w = new SourceWriter();
        w.Header();
        var self = m.Type.FullName;
        // Direction picks the runtime contracts (what the client may handle or send); the members are the same for every direction.
        var bases = !m.IsMessage ? $"global::Protocol.IWireReadable<{self}>, global::Protocol.IWireWritable"
            : m.Direction switch
            {
                Direction.Incoming => $"global::Protocol.IIncomingMessage<{self}>, global::Protocol.IWireWritable",
                Direction.Outgoing => $"global::Protocol.IWireReadable<{self}>, global::Protocol.IOutgoingMessage",
                _ => $"global::Protocol.IIncomingMessage<{self}>, global::Protocol.IOutgoingMessage",
            };
        if (m.IsMessage && m.HasBinary && m.Direction != Direction.Incoming && m.Envelope.Kind == EnvelopeKind.SocketIO)
        {
            // Sent two-step: its binary members become attachments (see EnvelopeSender); other messages skip that path.
            bases += ", global::Protocol.Infrastructure.IBinaryOutgoingMessage";
        }

        var depth = m.Type.Open(w, bases);
        if (m.IsMessage)
        {
            EmitMessage(w, m, shared);
        }

        EmitWriteJson(w, m, shared);
        EmitTryRead(w, m, shared);
        foreach (var e in m.Enums)
        {
            // Only an enum not visible throughout the assembly keeps its helpers here; the others are in the shared class.
            if (!e.Shared)
            {
                EnumHelperEmitter.Emit(w, e);
            }
        }

        TypeDecl.Close(w, depth);
        return w.ToString();
    }

    // A derived type whose base is generated too hides the base's members (on purpose: each reads and writes its own shape).
    // level: 1 for the reader and writer every generated type has, 2 for a message's members, 3 for WireAliasesUtf8.
    private static string New(MessageModel m, int level = 2) => m.GeneratedBase >= level ? "new " : "";

    private static void EmitMessage(SourceWriter w, MessageModel m, string shared)
    {
        var name = Names.Literal(m.WireName);
        var doc = System.Security.SecurityElement.Escape(m.WireName);
        var kind = m.Envelope.Kind == EnvelopeKind.SocketIO ? "Event" : "Action";
        w.Line($"/// <summary>The wire name, <c>{doc}</c>.</summary>");
        w.Line($"public {New(m)}const string WireName = {name};");
        w.Line();
        w.Line("/// <summary>The wire name as UTF-8.</summary>");
        w.Line($"public {New(m)}static global::System.ReadOnlySpan<byte> WireNameUtf8 => {Names.Utf8Literal(m.WireName)};");
        w.Line();
        if (m.Direction != Direction.Incoming)
        {
            w.Line("string global::Protocol.IOutgoingMessage.MessageName => WireName;");
            w.Line();
        }

        var names = "global::System.MemoryExtensions.SequenceEqual(message.Name, WireNameUtf8)";
        if (m.WireAliases.Count != 0)
        {
            var list = string.Join(", ", m.WireAliases.Select(a => "<c>" + System.Security.SecurityElement.Escape(a) + "</c>"));
            w.Line($"/// <summary>The other names this message arrives under ({list}), as UTF-8; the dispatch table routes each here.</summary>");
            w.Line($"public {New(m, 3)}static global::System.Collections.Generic.IReadOnlyList<byte[]> WireAliasesUtf8 {{ get; }} = new byte[][] {{ {string.Join(", ", m.WireAliases.Select(a => Names.Utf8Literal(a) + ".ToArray()"))} }};");
            w.Line();
            names = "(" + names + string.Concat(m.WireAliases.Select(a => $" || global::System.MemoryExtensions.SequenceEqual(message.Name, {Names.Utf8Literal(a)})")) + ")";
        }

        w.Line($"/// <summary>Whether <paramref name=\"message\"/> is a <c>{doc}</c> {kind.ToLowerInvariant()} (one-step or reassembled two-step alike{(m.WireAliases.Count != 0 ? ", under its name or an alias" : "")}).</summary>");
        w.Line("/// <param name=\"message\">The inbound message.</param>");
        w.Line("/// <returns><see langword=\"true\"/> when the kind and name match.</returns>");
        w.Line($"public {New(m)}static bool Matches(global::Protocol.MessageView message) => message.Kind == global::Protocol.MessageKind.{kind} && {(kind == "Event" ? "!message.NameIsNumber && " : "")}{names};");
        w.Line();
        w.Line(m.MayReportUnknown
            ? "/// <summary>Whether reading this message can report a property its declaration does not have: it reads an object, so it can.</summary>"
            : "/// <summary>Whether reading this message can report a property its declaration does not have: it reads no object at any depth, so it cannot, and the runtime sets up no report scope around its reads.</summary>");
        w.Line($"public {New(m)}static bool ReportsUnknownMembers => {(m.MayReportUnknown ? "true" : "false")};");
        w.Line();
        w.Line("/// <summary>Reads the message's data from a view that <see cref=\"Matches\"/> accepted.</summary>");
        w.Line("/// <param name=\"message\">The inbound message.</param>");
        w.Line("/// <param name=\"value\">The value read.</param>");
        w.Line("/// <returns><see langword=\"false\"/> when the data is missing, malformed or does not have the declared shape; never throws.</returns>");
        w.Open($"public static bool TryRead(global::Protocol.MessageView message, {MaybeNull} out {m.Type.FullName} value)");
        w.Line("value = default;");
        if (m.HasBinary)
        {
            w.Line("// Binary members read the attachments their references point to, at any depth.");
            w.Line("using var __attachments = global::Protocol.Infrastructure.WireBinary.EnterRead(message.Attachments);");
        }

        if (m.Layout == Layout.None)
        {
            // Nothing to read, but a malformed frame is still refused like any other.
            w.Open($"if (!{WireJson}.IsWellFormed(message))");
            w.Line("return false;");
            w.Close();
            w.Line($"value = new {m.Type.FullName}();");
            w.Line("return true;");
        }
        else
        {
            // The reader is this method's own local, built in place: one returned through an out parameter is built in a
            // temporary and copied, and the struct is large enough for that to show on a tick.
            if (m.Layout == Layout.Value && m.Members[0].Type.Kind == WireKind.Binary && m.Envelope.Kind == EnvelopeKind.SocketIO)
            {
                // The argument itself may be binary (451-["chunk",{"_placeholder":true,"num":0}]): the decoder put the attachment in
                // its place, and those bytes are the value, not JSON to parse. Copied out: the transport reuses its buffers.
                w.Open("if (message.TryGetArgumentAttachment(0, out var __binary))");
                w.Line($"value = new {m.Type.FullName} {{ {m.Members[0].Name} = __binary.ToArray() }};");
                w.Line("return true;");
                w.Close();
                w.Line();
            }

            w.Open("if (!message.TryGetArgument(0, out var __json))");
            w.Line("return false;");
            w.Close();
            w.Line();
            // The constructor with a state directly: the one with options builds the same default state and copies it into
            // this one, a call and a copy of its own on every read.
            w.Line($"var reader = new {Json}.Utf8JsonReader(__json, isFinalBlock: true, state: default);");
            w.Open(m.Envelope.Kind == EnvelopeKind.SocketIO
                ? $"if (!{WireJson}.TryStart(ref reader))"
                : $"if (!{WireJson}.TryStart(ref reader) || !{WireJson}.TryMoveToActionData(ref reader, {Names.Utf8Literal(m.Envelope.DataProperty)}))");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Line("// The rest of the input is read too, so a frame cut off or garbled after the data is refused as a whole.");
            w.Open($"if (!TryRead(ref reader, out value) || !{WireJson}.TryReadToEnd(ref reader))");
            w.Line("value = default;");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Line("return true;");
        }

        w.Close();
        w.Line();
        w.Line(m.Envelope.Kind == EnvelopeKind.SocketIO
            ? $"/// <summary>Writes the whole Socket.IO frame, <c>42[\"{doc}\"{(m.Layout == Layout.None ? "" : ",…")}]</c>.</summary>"
            : $"/// <summary>Writes the whole JSON-action frame, <c>{{\"{System.Security.SecurityElement.Escape(m.Envelope.ActionProperty)}\":\"{doc}\",…}}</c>.</summary>");
        w.Line("/// <param name=\"output\">The destination.</param>");
        w.Open($"public {New(m)}void WriteEnvelope(global::System.Buffers.IBufferWriter<byte> output)");
        if (m.Envelope.Kind == EnvelopeKind.SocketIO)
        {
            w.Line(m.Layout == Layout.None
                ? $"{SocketIOEventWriter}.WriteEvent<object?>(output, WireNameUtf8, null, null);"
                : $"{SocketIOEventWriter}.WriteEvent(output, WireNameUtf8, this, static (writer, self) => self.WriteJson(writer));");
        }
        else
        {
            w.Open($"{WireJson}.WriteFrame(output, this, static (writer, self) =>");
            w.Line("writer.WriteStartObject();");
            w.Line($"writer.WriteString({PropertyName(m.Envelope.ActionProperty, shared)}, WireNameUtf8);");
            if (m.Envelope.DataProperty.Length != 0)
            {
                w.Line($"writer.WritePropertyName({PropertyName(m.Envelope.DataProperty, shared)});");
                w.Line("self.WriteJson(writer);");
            }
            else if (m.Layout == Layout.Object)
            {
                w.Line("self.WriteMembers(writer);");
            }

            w.Line("writer.WriteEndObject();");
            w.Close(");");
        }

        w.Close();
        w.Line();
    }

    private static void EmitWriteJson(SourceWriter w, MessageModel m, string shared)
    {
        w.Line("/// <summary>Writes this value as one JSON value (for a message: its argument, without the envelope).</summary>");
        w.Line("/// <param name=\"writer\">The destination.</param>");
        w.Open($"public {New(m, 1)}void WriteJson({Json}.Utf8JsonWriter writer)");
        var tmp = 0;
        switch (m.Layout)
        {
            case Layout.Object:
                w.Line("writer.WriteStartObject();");
                w.Line("WriteMembers(writer);");
                w.Line("writer.WriteEndObject();");
                break;
            case Layout.Array:
                w.Line("writer.WriteStartArray();");
                var position = 0;
                foreach (var member in m.Members)
                {
                    for (; position < member.Index; position++)
                    {
                        w.Line("writer.WriteNullValue();");
                    }

                    WriteValue(w, member.Type, "this." + member.Name, member, shared, ref tmp);
                    position++;
                }

                for (; position < m.ArrayLength; position++)
                {
                    w.Line("writer.WriteNullValue();");
                }

                w.Line("writer.WriteEndArray();");
                break;
            case Layout.Value:
                WriteValue(w, m.Members[0].Type, "this." + m.Members[0].Name, m.Members[0], shared, ref tmp);
                break;
            default:
                w.Line("writer.WriteNullValue();");
                break;
        }

        w.Close();
        w.Line();
        if (m.Layout != Layout.Object)
        {
            return;
        }

        w.Open($"private void WriteMembers({Json}.Utf8JsonWriter writer)");
        for (var i = 0; i < m.Members.Count; i++)
        {
            var member = m.Members[i];
            if (i == m.ExtensionDataMember)
            {
                continue;
            }

            var name = PropertyName(member.WireName, shared);
            if (member.Type.Nullable)
            {
                // Null optional members are left out rather than sent as null: that is what the platforms' own clients do.
                var t = "__p" + tmp++;
                w.Open($"if (this.{member.Name} is {{ }} {t})");
                if (NameAndValue(member.Type, member) is { } both)
                {
                    w.Line($"writer.{both}({name}, {t});");
                }
                else
                {
                    w.Line($"writer.WritePropertyName({name});");
                    WriteNonNull(w, member.Type, t, member, shared, ref tmp);
                }

                w.Close();
            }
            else if (NameAndValue(member.Type, member) is { } both)
            {
                // One call for name and value, as System.Text.Json's generator does: one state check instead of two.
                w.Line($"writer.{both}({name}, this.{member.Name});");
            }
            else
            {
                w.Line($"writer.WritePropertyName({name});");
                WriteValue(w, member.Type, "this." + member.Name, member, shared, ref tmp);
            }
        }

        if (m.ExtensionDataMember >= 0)
        {
            // The unknown properties read into the [WireExtensionData] member go back after the declared ones, as they came.
            var extension = m.Members[m.ExtensionDataMember];
            var d = "__p" + tmp++;
            var kv = "__kv" + tmp++;
            w.Open($"if (this.{extension.Name} is {{ }} {d})");
            w.Open($"foreach (var {kv} in {d})");
            w.Line($"writer.WritePropertyName({kv}.Key);");
            WriteNonNull(w, new WireTypeModel(WireKind.JsonElement, "", false, false, null, null), kv + ".Value", extension, shared, ref tmp);
            w.Close();
            w.Close();
        }

        w.Close();
        w.Line();
    }

    /// <summary>A property name as written: the shared pre-encoded field, or a UTF-8 literal for a name that cannot be shared.</summary>
    private static string PropertyName(string wireName, string shared) =>
        SharedHelpers.CanShare(wireName) ? shared + "." + SharedHelpers.NameField(wireName) : Names.Utf8Literal(wireName);

    /// <summary>
    /// The Utf8JsonWriter method that writes a name and a non-null value of this kind in one call (<c>WriteString</c>, <c>WriteNumber</c>,
    /// <c>WriteBoolean</c>), or null when the value needs more than one call. Its output is the same bytes as the two calls.
    /// </summary>
    private static string? NameAndValue(WireTypeModel t, MemberModel member) => t.Kind switch
    {
        WireKind.String => "WriteString",
        WireKind.Boolean => "WriteBoolean",
        WireKind.Byte or WireKind.Int16 or WireKind.Int32 or WireKind.Int64 or WireKind.UInt32 or WireKind.UInt64
            or WireKind.Single or WireKind.Double or WireKind.Decimal when !member.AsString && member.DecimalFormat == 0 && !member.AllowNonFinite => "WriteNumber",
        _ => null,
    };

    private static void WriteValue(SourceWriter w, WireTypeModel t, string expr, MemberModel member, string shared, ref int tmp)
    {
        if (t.Nullable || (t.IsReference && t.Kind != WireKind.String))
        {
            var v = "__v" + tmp++;
            w.Open($"if ({expr} is {{ }} {v})");
            WriteNonNull(w, t, v, member, shared, ref tmp);
            w.Close();
            w.Open("else");
            w.Line("writer.WriteNullValue();");
            w.Close();
            return;
        }

        WriteNonNull(w, t, expr, member, shared, ref tmp);
    }

    private static void WriteNonNull(SourceWriter w, WireTypeModel t, string expr, MemberModel member, string shared, ref int tmp)
    {
        switch (t.Kind)
        {
            case WireKind.String:
                w.Line($"writer.WriteStringValue({expr});");
                break;
            case WireKind.Boolean:
                w.Line($"writer.WriteBooleanValue({expr});");
                break;
            case WireKind.Byte or WireKind.Int16 or WireKind.Int32 or WireKind.Int64:
                w.Line(member.AsString ? $"{WireJson}.WriteStringNumber(writer, (long){expr});" : $"writer.WriteNumberValue({expr});");
                break;
            case WireKind.UInt32 or WireKind.UInt64:
                w.Line(member.AsString ? $"{WireJson}.WriteStringNumber(writer, (ulong){expr});" : $"writer.WriteNumberValue({expr});");
                break;
            case WireKind.Decimal when member.DecimalFormat != 0:
                var formatted = $"{WireJson}.FormatDecimal({expr}, global::Protocol.WireDecimalFormat.{(member.DecimalFormat == 1 ? "Trimmed" : "AtLeastOneDecimal")})";
                w.Line(member.AsString ? $"{WireJson}.WriteStringNumber(writer, {formatted});" : $"writer.WriteNumberValue({formatted});");
                break;
            case WireKind.Single or WireKind.Double when member.AllowNonFinite:
                w.Line($"{WireJson}.WriteAllowNonFinite(writer, {expr}, {(member.AsString ? "true" : "false")});");
                break;
            case WireKind.Single or WireKind.Double or WireKind.Decimal:
                w.Line(member.AsString ? $"{WireJson}.WriteStringNumber(writer, {expr});" : $"writer.WriteNumberValue({expr});");
                break;
            case WireKind.Enum:
                w.Line($"{EnumHelperEmitter.Write(t.Enum!, shared)}(writer, {expr}, {(member.EnumAsString ? "true" : "false")});");
                break;
            case WireKind.Wire:
                w.Line($"{expr}.WriteJson(writer);");
                break;
            case WireKind.Binary:
                w.Line($"global::Protocol.Infrastructure.WireBinary.Write(writer, {expr});");
                break;
            case WireKind.JsonElement:
                // A JsonElement never set (default) has no value to write; null is the honest JSON for it.
                w.Open($"if ({expr}.ValueKind == {Json}.JsonValueKind.Undefined)");
                w.Line("writer.WriteNullValue();");
                w.Close();
                w.Open("else");
                w.Line($"{expr}.WriteTo(writer);");
                w.Close();
                break;
            case WireKind.JsonObject:
                var entry = "__kv" + tmp++;
                w.Line("writer.WriteStartObject();");
                w.Open($"foreach (var {entry} in {expr})");
                w.Line($"writer.WritePropertyName({entry}.Key);");
                WriteNonNull(w, new WireTypeModel(WireKind.JsonElement, "", false, false, null, null), entry + ".Value", member, shared, ref tmp);
                w.Close();
                w.Line("writer.WriteEndObject();");
                break;
            default:
                var e = "__e" + tmp++;
                w.Line("writer.WriteStartArray();");
                w.Open($"foreach (var {e} in {expr})");
                WriteValue(w, t.Element!, e, member, shared, ref tmp);
                w.Close();
                w.Line("writer.WriteEndArray();");
                break;
        }
    }

    private static string TypeName(WireTypeModel t)
    {
        var name = t.Kind switch
        {
            WireKind.Array => TypeName(t.Element!) + "[]",
            WireKind.List => "global::System.Collections.Generic.List<" + TypeName(t.Element!) + ">",
            _ => t.FullName,
        };
        return t.Nullable ? name + "?" : name;
    }

    private static bool HasList(WireTypeModel t) => t.Kind is WireKind.Array or WireKind.List && (t.Element!.Kind == WireKind.Wire || HasList(t.Element!));

    private static void EmitTryRead(SourceWriter w, MessageModel m, string shared)
    {
        var tmp = 0;
        if (m.Members.Any(x => HasList(x.Type)))
        {
            w.Line("private static long __skippedElements;");
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// How many list or array elements this type's readers skipped (process-wide, since start) because the element did not have");
            w.Line("/// the declared shape; the rest of the value was still read. Nonzero means the platform sends rows this declaration does not fit.");
            w.Line("/// </summary>");
            w.Line("public static long SkippedElements => global::System.Threading.Interlocked.Read(ref __skippedElements);");
            w.Line();
        }

        w.Line("/// <summary>Reads one value starting at the reader's current token; the reader ends on the value's last token. Unknown properties and extra elements are skipped.</summary>");
        w.Line("/// <param name=\"reader\">A reader positioned on the value's first token.</param>");
        w.Line("/// <param name=\"value\">The value read.</param>");
        w.Line("/// <returns><see langword=\"false\"/> when the JSON is malformed or does not have the declared shape; never throws.</returns>");
        w.Open($"public static bool TryRead(ref {Json}.Utf8JsonReader reader, {MaybeNull} out {m.Type.FullName} value)");
        w.Line("value = default;");
        w.Open("try");
        if (m.Layout == Layout.None)
        {
            w.Open("if (!reader.TrySkip())");
            w.Line("return false;");
            w.Close();
            w.Line($"value = new {m.Type.FullName}();");
            w.Line("return true;");
            CloseTry(w);
            return;
        }

        for (var i = 0; i < m.Members.Count; i++)
        {
            w.Line($"{TypeName(m.Members[i].Type)} __m{i} = default!;");
            if (m.Layout != Layout.Value)
            {
                w.Line($"var __has{i} = false;");
            }
        }

        switch (m.Layout)
        {
            case Layout.Object:
                if (m.BareArrayMember >= 0)
                {
                    // The alternative shape: the whole value is the [WireBareArray] member's array; the other members stay unset.
                    w.Open($"if (reader.TokenType == {Token}.StartArray)");
                    EmitRead(w, m.Members[m.BareArrayMember].Type, "__m" + m.BareArrayMember, shared, ref tmp, allowUndefined: m.Members[m.BareArrayMember].AllowUndefinedEnum, allowNonFinite: m.Members[m.BareArrayMember].AllowNonFinite);
                    w.Line($"__has{m.BareArrayMember} = true;");
                    w.Line("goto __read;");
                    w.Close();
                    w.Line();
                }

                w.Open($"if (reader.TokenType != {Token}.StartObject)");
                w.Line("return false;");
                w.Close();
                w.Line();
                w.Open("while (true)");
                w.Open("if (!reader.Read())");
                w.Line("return false;");
                w.Close();
                w.Open($"if (reader.TokenType == {Token}.EndObject)");
                w.Line("break;");
                w.Close();
                w.Open($"if (reader.TokenType != {Token}.PropertyName || !{WireJson}.HasValidText(ref reader))");
                w.Line("return false;");
                w.Close();
                EmitMemberLookup(w, m);
                w.Open("switch (__member)");
                for (var i = 0; i < m.Members.Count; i++)
                {
                    var member = m.Members[i];
                    if (i == m.ExtensionDataMember)
                    {
                        continue;
                    }

                    w.Line($"case {i}:");
                    w.Open();
                    w.Open("if (!reader.Read())");
                    w.Line("return false;");
                    w.Close();
                    EmitRead(w, member.Type, "__m" + i, shared, ref tmp, allowUndefined: member.AllowUndefinedEnum, allowNonFinite: member.AllowNonFinite);
                    w.Line($"__has{i} = true;");
                    w.Line("break;");
                    w.Close();
                }

                w.Line("default:");
                w.Open();
                if (m.ExtensionDataMember >= 0)
                {
                    // An unknown property is kept (a repeated one: the last wins, as for declared members). Its name was validated above.
                    var x = m.ExtensionDataMember;
                    w.Line("var __key = reader.GetString()!;");
                    w.Open("if (!reader.Read())");
                    w.Line("return false;");
                    w.Close();
                    w.Line($"(__m{x} ??= new global::System.Collections.Generic.Dictionary<string, {Json}.JsonElement>())[__key] = {Json}.JsonElement.ParseValue(ref reader);");
                    w.Line($"__has{x} = true;");
                }
                else
                {
                    // Only this branch reports (the declared members' path is unchanged): counted against the message being read
                    // when the client runs the read, nothing when the reader is called on its own.
                    w.Line($"{UnknownMembers}.Report(ref reader);");
                    w.Open("if (!reader.Read() || !reader.TrySkip())");
                    w.Line("return false;");
                    w.Close();
                }

                w.Line("break;");
                w.Close();
                if (SkippedNames(m).Count != 0)
                {
                    // Known but not read (the envelope's action name, the type's IgnoredFields): skipped, not reported.
                    w.Line($"case {SkippedMemberIndex}:");
                    w.Open();
                    w.Open("if (!reader.Read() || !reader.TrySkip())");
                    w.Line("return false;");
                    w.Close();
                    w.Line("break;");
                    w.Close();
                }

                w.Close();

                w.Close();
                break;
            case Layout.Array:
                w.Open($"if (reader.TokenType != {Token}.StartArray)");
                w.Line("return false;");
                w.Close();
                w.Line();
                w.Line("var __index = 0;");
                w.Open("while (true)");
                w.Open("if (!reader.Read())");
                w.Line("return false;");
                w.Close();
                w.Open($"if (reader.TokenType == {Token}.EndArray)");
                w.Line("break;");
                w.Close();
                w.Open("switch (__index)");
                for (var i = 0; i < m.Members.Count; i++)
                {
                    w.Line($"case {m.Members[i].Index}:");
                    w.Open();
                    EmitRead(w, m.Members[i].Type, "__m" + i, shared, ref tmp, allowUndefined: m.Members[i].AllowUndefinedEnum, allowNonFinite: m.Members[i].AllowNonFinite);
                    w.Line($"__has{i} = true;");
                    w.Line("break;");
                    w.Close();
                }

                w.Line("default:");
                w.Open();
                w.Open("if (!reader.TrySkip())");
                w.Line("return false;");
                w.Close();
                w.Line("break;");
                w.Close();
                w.Close();
                w.Line("__index++;");
                w.Close();
                if (m.ArrayLength >= 0)
                {
                    w.Open($"if (__index != {m.ArrayLength})");
                    w.Line("return false;");
                    w.Close();
                }

                break;
            case Layout.Value:
                EmitRead(w, m.Members[0].Type, "__m0", shared, ref tmp, allowUndefined: m.Members[0].AllowUndefinedEnum, allowNonFinite: m.Members[0].AllowNonFinite);
                break;
        }

        w.Line();
        if (m.BareArrayMember >= 0)
        {
            w.Line("__read:;");
        }

        var required = m.Layout == Layout.Value ? Enumerable.Empty<int>() : Enumerable.Range(0, m.Members.Count).Where(i => m.Members[i].Required);
        var missing = string.Join(" || ", required.Select(i => "!__has" + i));
        if (missing.Length != 0)
        {
            w.Open($"if ({missing})");
            w.Line("return false;");
            w.Close();
        }

        // Required and init-only members go in the initializer; optional settable ones are assigned only when present, so a
        // property initializer's default survives a missing member.
        var initializer = Enumerable.Range(0, m.Members.Count)
            .Where(i => m.Layout == Layout.Value || m.Members[i].Required || m.Members[i].InInitializer)
            .Select(i => i == m.ExtensionDataMember ? $"{m.Members[i].Name} = __has{i} ? __m{i} : new()" : $"{m.Members[i].Name} = __m{i}");
        w.Line($"var __result = new {m.Type.FullName} {{ {string.Join(", ", initializer)} }};");
        if (m.Layout != Layout.Value)
        {
            for (var i = 0; i < m.Members.Count; i++)
            {
                if (!m.Members[i].Required && !m.Members[i].InInitializer)
                {
                    w.Open($"if (__has{i})");
                    w.Line($"__result.{m.Members[i].Name} = __m{i};");
                    w.Close();
                }
            }
        }

        w.Line("value = __result;");
        w.Line("return true;");
        CloseTry(w);
    }

    /// <summary>
    /// Emits <c>__member</c>: the index of the declared member the current property name names (aliases included), or -1. A plain name
    /// (unescaped, in one span) is found by its length, then its bytes, against the declared names of that length, so a property costs
    /// one or two byte comparisons instead of a <c>ValueTextEquals</c> call per declared name; an escaped name is unescaped by
    /// <c>ValueTextEquals</c> as before. Among equal names the first declared wins, as the former if/else chain did.
    /// </summary>
    private static void EmitMemberLookup(SourceWriter w, MessageModel m)
    {
        var names = new System.Collections.Generic.List<(string Name, int Member, int Length)>();
        for (var i = 0; i < m.Members.Count; i++)
        {
            if (i == m.ExtensionDataMember)
            {
                continue;
            }

            foreach (var n in new[] { m.Members[i].WireName }.Concat(m.Members[i].Aliases))
            {
                names.Add((n, i, System.Text.Encoding.UTF8.GetByteCount(n)));
            }
        }

        foreach (var skipped in SkippedNames(m))
        {
            names.Add((skipped, SkippedMemberIndex, System.Text.Encoding.UTF8.GetByteCount(skipped)));
        }

        if (names.Count == 0)
        {
            w.Line("var __member = -1;");
            return;
        }

        w.Line("int __member;");
        w.Open("if (!reader.ValueIsEscaped && !reader.HasValueSequence)");
        w.Line("var __name = reader.ValueSpan;");
        w.Line("__member = __name.Length switch");
        w.Line("{");
        foreach (var group in names.GroupBy(n => n.Length).OrderBy(g => g.Key))
        {
            var chain = string.Concat(group.Select(n => $"global::System.MemoryExtensions.SequenceEqual(__name, {Names.Utf8Literal(n.Name)}) ? {n.Member} : "));
            w.Line($"    {group.Key} => {chain}-1,");
        }

        w.Line("    _ => -1,");
        w.Line("};");
        w.Close();
        w.Open("else");
        w.Line("__member = " + string.Concat(names.Select(n => $"reader.ValueTextEquals({Names.Utf8Literal(n.Name)}) ? {n.Member} : ")) + "-1;");
        w.Close();
    }

    /// <summary>
    /// Property names the reader knows but does not read, so they are skipped without being reported as unknown fields: the type's
    /// IgnoredFields, and the action property of a JSON-action message without a data property (its members sit beside the action
    /// name). A name a member declares is left out (the member reads it).
    /// </summary>
    private static System.Collections.Generic.List<string> SkippedNames(MessageModel m)
    {
        var skipped = new System.Collections.Generic.List<string>();
        if (m.Layout != Layout.Object || m.ExtensionDataMember >= 0)
        {
            // With [WireExtensionData] every undeclared property (the action name too) is kept, as before; nothing is reported there.
            return skipped;
        }

        if (m.IsMessage && m.Envelope.Kind == EnvelopeKind.JsonAction && m.Envelope.DataProperty.Length == 0)
        {
            skipped.Add(m.Envelope.ActionProperty);
        }

        skipped.AddRange(m.IgnoredFields);
        return skipped.Distinct(System.StringComparer.Ordinal)
            .Where(name => !m.Members.Any(x => x.WireName == name || x.Aliases.Contains(name)))
            .ToList();
    }

    // Utf8JsonReader throws JsonException on input that is not JSON (cut off, bad literal, too deep); a reader returns false on any
    // malformed input instead, so a module that reads it keeps serving. Text is validated before it is decoded, so nothing else throws.
    private static void CloseTry(SourceWriter w)
    {
        w.Close();
        w.Open($"catch ({Json}.JsonException)");
        w.Line("value = default;");
        w.Line("return false;");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void EmitRead(SourceWriter w, WireTypeModel t, string target, string shared, ref int tmp, string fail = "return false;", bool allowUndefined = false, bool allowNonFinite = false)
    {
        if (t.Nullable)
        {
            w.Open($"if (reader.TokenType == {Token}.Null)");
            w.Line($"{target} = null;");
            w.Close();
            w.Open("else");
            EmitReadNonNull(w, t, target, shared, ref tmp, fail, allowUndefined, allowNonFinite);
            w.Close();
            return;
        }

        EmitReadNonNull(w, t, target, shared, ref tmp, fail, allowUndefined, allowNonFinite);
    }

    private static void EmitReadNonNull(SourceWriter w, WireTypeModel t, string target, string shared, ref int tmp, string fail, bool allowUndefined, bool allowNonFinite)
    {
        var v = "__t" + tmp++;
        string? call = t.Kind switch
        {
            WireKind.String => null,
            WireKind.Boolean => "TryReadBoolean",
            WireKind.Byte => "TryReadByte",
            WireKind.Int16 => "TryReadInt16",
            WireKind.Int32 => "TryReadInt32",
            WireKind.Int64 => "TryReadInt64",
            WireKind.UInt32 => "TryReadUInt32",
            WireKind.UInt64 => "TryReadUInt64",
            WireKind.Single => allowNonFinite ? "TryReadSingleAllowNonFinite" : "TryReadSingle",
            WireKind.Double => allowNonFinite ? "TryReadDoubleAllowNonFinite" : "TryReadDouble",
            WireKind.Decimal => "TryReadDecimal",
            _ => null,
        };
        if (t.Kind == WireKind.String)
        {
            w.Open($"if (!{WireJson}.TryReadString(ref reader, out var {v}) || {v} is null)");
            w.Line(fail);
            w.Close();
            w.Line($"{target} = {v};");
            return;
        }

        if (call is not null)
        {
            w.Open($"if (!{WireJson}.{call}(ref reader, out var {v}))");
            w.Line(fail);
            w.Close();
            w.Line($"{target} = {v};");
            return;
        }

        switch (t.Kind)
        {
            case WireKind.Enum:
                w.Open($"if (!{EnumHelperEmitter.TryRead(t.Enum!, shared)}(ref reader, out var {v}))");
                w.Line(fail);
                w.Close();
                if (!allowUndefined && !t.Enum!.Flags)
                {
                    // Strict by default: a number naming no field is refused ([WireEnum(AllowUndefined = true)] keeps it).
                    var defined = t.Enum.Defined.Count == 0 ? "false" : $"{v} is " + string.Join(" or ", t.Enum.Defined.Select(f => t.Enum.FullName + "." + f));
                    w.Open($"if (!({defined}))");
                    w.Line(fail);
                    w.Close();
                }

                w.Line($"{target} = {v};");
                break;
            case WireKind.Wire:
                w.Open($"if (!{t.FullName}.TryRead(ref reader, out var {v}))");
                w.Line(fail);
                w.Close();
                w.Line($"{target} = {v};");
                break;
            case WireKind.Binary:
                w.Open($"if (!global::Protocol.Infrastructure.WireBinary.TryRead(ref reader, out var {v}))");
                w.Line(fail);
                w.Close();
                w.Line($"{target} = {v};");
                break;
            case WireKind.JsonElement:
                // ParseValue copies the value out of the frame's buffer (which is reused) and throws JsonException on malformed input.
                w.Line($"{target} = {Json}.JsonElement.ParseValue(ref reader);");
                break;
            case WireKind.JsonObject:
                w.Open($"if (reader.TokenType != {Token}.StartObject)");
                w.Line(fail);
                w.Close();
                w.Line($"var {v} = new global::System.Collections.Generic.Dictionary<string, {Json}.JsonElement>();");
                w.Open("while (true)");
                w.Open("if (!reader.Read())");
                w.Line(fail);
                w.Close();
                w.Open($"if (reader.TokenType == {Token}.EndObject)");
                w.Line("break;");
                w.Close();
                w.Open($"if (reader.TokenType != {Token}.PropertyName || !{WireJson}.HasValidText(ref reader))");
                w.Line(fail);
                w.Close();
                var key = "__k" + tmp++;
                w.Line($"var {key} = reader.GetString()!;");
                w.Open("if (!reader.Read())");
                w.Line(fail);
                w.Close();
                w.Line($"{v}[{key}] = {Json}.JsonElement.ParseValue(ref reader);");
                w.Close();
                w.Line($"{target} = {v};");
                break;
            default:
                var element = TypeName(t.Element!);
                var e = "__e" + tmp++;
                w.Open($"if (reader.TokenType != {Token}.StartArray)");
                w.Line(fail);
                w.Close();
                w.Line($"var {v} = new {WireJson}.ArrayBuilder<{element}>();");
                w.Open("while (true)");
                w.Line("// A failed read drops its pooled buffer rather than returning it; the pool simply allocates another.");
                w.Open("if (!reader.Read())");
                w.Line(fail);
                w.Close();
                w.Open($"if (reader.TokenType == {Token}.EndArray)");
                w.Line("break;");
                w.Close();
                if (t.Element!.Kind != WireKind.Wire)
                {
                    w.Line($"{element} {e} = default!;");
                    EmitRead(w, t.Element!, e, shared, ref tmp, fail, allowUndefined, allowNonFinite);
                    w.Line($"{v}.Add({e});");
                    w.Close();
                    w.Line(t.Kind == WireKind.Array
                        ? $"{target} = {v}.ToArrayAndReturn();"
                        : $"{target} = new global::System.Collections.Generic.List<{element}>({v}.ToArrayAndReturn());");
                    break;
                }

                // One row (a [WireType] element) without the declared shape is skipped and counted (SkippedElements), not the whole value
                // lost: one odd asset row must not cost the asset list. Malformed JSON still fails the whole value (TrySkip or the reader
                // throws), and so does a scalar element that does not read (bad text, a number out of range): that is not an odd row.
                var save = "__s" + tmp++;
                var bad = "__bad" + tmp++;
                // The row is read straight into the builder's next slot: a struct row read into a local and then added was copied whole
                // right after its fields were stored one by one (a store-forwarding stall on every row).
                w.Line($"var {save} = reader;");
                w.Line($"ref var {e} = ref {v}.Next();");
                w.Open($"if (!{t.Element!.FullName}.TryRead(ref reader, out {e}))");
                w.Line($"goto {bad};");
                w.Close();
                w.Line($"{v}.Commit();");
                w.Line("continue;");
                w.Line($"{bad}:");
                w.Line($"reader = {save};");
                w.Open($"if (!{WireJson}.TrySkipElement(ref reader))");
                w.Line(fail);
                w.Close();
                w.Line("global::System.Threading.Interlocked.Increment(ref __skippedElements);");
                w.Close();
                w.Line(t.Kind == WireKind.Array
                    ? $"{target} = {v}.ToArrayAndReturn();"
                    : $"{target} = new global::System.Collections.Generic.List<{element}>({v}.ToArrayAndReturn());");
                break;
        }
    }
}
