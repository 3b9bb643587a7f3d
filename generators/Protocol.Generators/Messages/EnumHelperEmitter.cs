using Protocol.Generators.Helpers;

namespace Protocol.Generators.Messages;

/// <summary>
/// An enum's reader and writer: once in the assembly's shared class for an enum visible throughout the assembly (field names written
/// pre-encoded), else privately inside each type that uses it (field names as UTF-8 literals).
/// </summary>
internal static class EnumHelperEmitter
{
    private const string Json = "global::System.Text.Json";
    private const string Token = Json + ".JsonTokenType";
    private const string WireJson = "global::Protocol.Infrastructure.WireJson";

    /// <summary>The reader's name as generated code calls it: qualified with the shared class when the enum is shared.</summary>
    public static string TryRead(EnumModel e, string sharedClass) => (e.Shared ? sharedClass + "." : "") + "TryReadEnum_" + e.HelperSuffix;

    /// <summary>The writer's name as generated code calls it.</summary>
    public static string Write(EnumModel e, string sharedClass) => (e.Shared ? sharedClass + "." : "") + "WriteEnum_" + e.HelperSuffix;

    public static void Emit(SourceWriter w, EnumModel e)
    {
        var access = e.Shared ? "internal" : "private";
        var unsigned = e.Underlying is "ulong" or "uint" or "ushort" or "byte";
        w.Open($"{access} static bool TryReadEnum_{e.HelperSuffix}(ref {Json}.Utf8JsonReader reader, out {e.FullName} value)");
        w.Open($"if (reader.TokenType == {Token}.String && {WireJson}.HasValidText(ref reader))");
        foreach (var f in e.Fields)
        {
            // Reading compares the raw bytes with a UTF-8 literal: ValueTextEquals has no JsonEncodedText overload, and the encoded form
            // is the escaped one, not what is compared.
            w.Open($"if (reader.ValueTextEquals({Names.Utf8Literal(f.WireName)}))");
            w.Line($"value = {e.FullName}.{f.Name};");
            w.Line("return true;");
            w.Close();
        }

        w.Close();

        // A number outside the underlying type's range is unreadable, not wrapped round into some other member.
        var range = e.Underlying switch
        {
            "long" or "ulong" => "",
            _ when unsigned => $" && number <= {e.Underlying}.MaxValue",
            _ => $" && number >= {e.Underlying}.MinValue && number <= {e.Underlying}.MaxValue",
        };
        w.Open($"if ({WireJson}.{(unsigned ? "TryReadUInt64" : "TryReadInt64")}(ref reader, out var number){range})");
        w.Line($"value = unchecked(({e.FullName})number);");
        w.Line("return true;");
        w.Close();
        w.Line("value = default;");
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Open($"{access} static void WriteEnum_{e.HelperSuffix}({Json}.Utf8JsonWriter writer, {e.FullName} value, bool asString)");
        w.Open("if (asString)");
        foreach (var f in e.Fields)
        {
            w.Open($"if (value == {e.FullName}.{f.Name})");
            w.Line(e.Shared && SharedHelpers.CanShare(f.WireName)
                ? $"writer.WriteStringValue({SharedHelpers.NameField(f.WireName)});"
                : $"writer.WriteStringValue({Names.Utf8Literal(f.WireName)});");
            w.Line("return;");
            w.Close();
        }

        w.Close();
        w.Line($"writer.WriteNumberValue(({(unsigned ? "ulong" : "long")})value);");
        w.Close();
        w.Line();
    }
}
