using Protocol.Generators.Helpers;

namespace Protocol.Generators.Messages;

/// <summary>The assembly's one shared class (see <see cref="SharedHelpers"/>).</summary>
internal static class SharedEmitter
{
    private const string Json = "global::System.Text.Json";

    public static string Emit(SharedUnit unit)
    {
        var w = new SourceWriter();
        w.Header();
        w.Open("namespace " + unit.Namespace);
        w.Line("/// <summary>");
        w.Line("/// What the generated serializers of this assembly share, emitted once rather than in every type: property names encoded");
        w.Line("/// with the frames' encoder (<see cref=\"global::Protocol.Infrastructure.WireJson.WriterOptions\"/>), and enum readers and writers.");
        w.Line("/// </summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"Protocol.Generators\", \"{typeof(SharedEmitter).Assembly.GetName().Version}\")]");
        w.Open($"internal static class {SharedHelpers.ClassName}");
        foreach (var name in unit.Names)
        {
            w.Line($"internal static readonly {Json}.JsonEncodedText {SharedHelpers.NameField(name)} = Encode({Names.Literal(name)});");
        }

        if (unit.Names.Count != 0)
        {
            w.Line();
            w.Line("// The frames' own encoder, so a name that needs escaping goes out byte for byte as the writer would have escaped it.");
            w.Line($"private static {Json}.JsonEncodedText Encode(string name) => {Json}.JsonEncodedText.Encode(name, global::Protocol.Infrastructure.WireJson.WriterOptions.Encoder);");
            w.Line();
        }

        foreach (var e in unit.Enums)
        {
            EnumHelperEmitter.Emit(w, e);
        }

        w.Close();
        w.Close();
        return w.ToString();
    }
}
