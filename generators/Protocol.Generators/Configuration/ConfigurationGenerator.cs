using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Configuration;

/// <summary>[ProtocolConfiguration]: builder with defaults and validation, FromJson, IConfiguration binding, options validator.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class ConfigurationGenerator : IIncrementalGenerator
{
    private const string Errors = "global::System.Collections.Generic.List<string>";
    private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.ValidModels(
            AttributeNames.Configuration,
            static (node, _) => node is ClassDeclarationSyntax,
            static (ctx, diagnostics, ct) => ConfigurationParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel.Compilation, diagnostics, ct),
            TrackingNames.ConfigurationModels,
            TrackingNames.Configurations);

        context.RegisterSourceOutput(models, static (spc, m) => spc.AddSource(Names.HintName(m.Type.FullName.Replace("global::", ""), "Configuration"), Emit(m)));
    }

    internal static string Emit(ConfigurationModel m)
    {
        var self = m.Type.FullName;
        var typeName = Names.Literal(m.DisplayName);
        var w = new SourceWriter();
        w.Header();
        var depth = m.Type.Open(w, "");

        w.Line("/// <summary>Checks every setting against its declared rules.</summary>");
        w.Line("/// <returns>One message per problem, each naming its field; empty when the configuration is valid.</returns>");
        w.Open("public global::System.Collections.Generic.IReadOnlyList<string> Validate()");
        w.Line($"var errors = new {Errors}();");
        foreach (var s in m.Settings)
        {
            EmitValidation(w, s);
        }

        w.Line("return errors;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Throws when <see cref=\"Validate\"/> finds problems.</summary>");
        w.Line("/// <exception cref=\"global::Protocol.ConfigurationValidationException\">A setting is invalid; the message names it.</exception>");
        w.Open("public void EnsureValid()");
        w.Line("var errors = Validate();");
        w.Open("if (errors.Count != 0)");
        w.Line($"throw new global::Protocol.ConfigurationValidationException({typeName}, errors);");
        w.Close();
        w.Close();
        w.Line();
        w.Line("/// <summary>Starts a builder from the declared defaults.</summary>");
        w.Line("/// <returns>A new builder.</returns>");
        w.Line("public static Builder CreateBuilder() => new Builder();");
        w.Line();
        w.Open($"private {self} __Copy() => new {self}");
        foreach (var s in m.Settings)
        {
            var copy = s.Kind != SettingKind.StringList ? "this." + s.Name
                : s.TypeName == "string[]" ? $"this.{s.Name} is null ? null! : (string[])this.{s.Name}.Clone()"
                : $"this.{s.Name} is null ? null! : new global::System.Collections.Generic.List<string>(this.{s.Name})";
            w.Line($"{s.Name} = {copy},");
        }

        w.Close(";");
        w.Line();
        w.Line($"/// <summary>Builds a validated <see cref=\"{m.Type.Name}\"/>, starting from the declared defaults.</summary>");
        w.Open("public sealed class Builder");
        w.Line($"private readonly {self} _value = new {self}();");
        w.Line();
        foreach (var s in m.Settings)
        {
            w.Line($"/// <summary>Sets <see cref=\"{m.Type.Name}.{s.Name}\"/>.</summary>");
            w.Line("/// <param name=\"value\">The value.</param>");
            w.Line("/// <returns>This builder.</returns>");
            w.Open($"public Builder With{s.Name}({ValueType(s)} value)");
            w.Line($"_value.{s.Name} = value;");
            w.Line("return this;");
            w.Close();
            w.Line();
        }

        w.Line("/// <summary>Validates and returns a new configuration (the builder can be reused).</summary>");
        w.Line("/// <returns>The configuration.</returns>");
        w.Line("/// <exception cref=\"global::Protocol.ConfigurationValidationException\">A setting is invalid; the message names it.</exception>");
        w.Open($"public {self} Build()");
        w.Line("var result = _value.__Copy();");
        w.Line("result.EnsureValid();");
        w.Line("return result;");
        w.Close();
        w.Close();
        w.Line();

        EmitFromJson(w, m);
        EmitSetters(w, m);
        if (m.HasConfiguration)
        {
            EmitConfiguration(w, m);
        }

        if (m.HasOptions)
        {
            w.Line($"/// <summary>Validates <see cref=\"{m.Type.Name}\"/> options with the declared rules (register it as an IValidateOptions).</summary>");
            w.Open($"public sealed class OptionsValidator : global::Microsoft.Extensions.Options.IValidateOptions<{self}>");
            w.Line("/// <inheritdoc/>");
            w.Open($"public global::Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, {self} options)");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(options);");
            w.Line("var errors = options.Validate();");
            w.Line("return errors.Count == 0 ? global::Microsoft.Extensions.Options.ValidateOptionsResult.Success : global::Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors);");
            w.Close();
            w.Close();
        }

        TypeDecl.Close(w, depth);
        return w.ToString();
    }

    private static string ValueType(SettingModel s) => (s.Kind == SettingKind.StringList && s.TypeName != "string[]" ? "global::System.Collections.Generic.List<string>" : s.TypeName) + (s.Nullable ? "?" : "");

    private static void EmitValidation(SourceWriter w, SettingModel s)
    {
        if (s.HasRange)
        {
            var min = Names.Double(s.Minimum);
            var max = Names.Double(s.Maximum);
            var v = "__" + s.Name;
            var number = s.Kind == SettingKind.TimeSpan ? v + ".TotalSeconds" : "(double)" + v;
            var unit = s.Kind == SettingKind.TimeSpan ? " seconds" : "";
            w.Open(s.Nullable ? $"if (this.{s.Name} is {{ }} {v} && !({number} >= {min} && {number} <= {max}))" : $"if (this.{s.Name} is var {v} && !({number} >= {min} && {number} <= {max}))");
            w.Line($"errors.Add(\"{s.Name} must be between {min} and {max}{unit}, but is \" + ({number}).ToString({Invariant}) + \".\");");
            w.Close();
        }

        if (s.Required)
        {
            var test = s.Kind switch
            {
                SettingKind.String => $"string.IsNullOrWhiteSpace(this.{s.Name})",
                SettingKind.StringList when s.TypeName == "string[]" => $"this.{s.Name} is not {{ Length: > 0 }}",
                SettingKind.StringList => $"this.{s.Name} is not {{ Count: > 0 }}",
                _ => $"this.{s.Name} is null",
            };
            w.Open($"if ({test})");
            w.Line($"errors.Add(\"{s.Name} is required.\");");
            w.Close();
        }
    }

    private static void EmitFromJson(SourceWriter w, ConfigurationModel m)
    {
        var self = m.Type.FullName;
        const string token = "global::System.Text.Json.JsonTokenType";
        w.Line("/// <summary>Reads a configuration from a JSON object (keys match properties case-insensitively, <c>snake_case</c> too; unknown keys are ignored) and validates it.</summary>");
        w.Line("/// <param name=\"json\">The JSON text.</param>");
        w.Line("/// <returns>The configuration.</returns>");
        w.Line("/// <exception cref=\"global::Protocol.ConfigurationValidationException\">The JSON or a setting is invalid; the message names the field.</exception>");
        w.Open($"public static {self} FromJson(string json)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(json);");
        w.Line($"var result = new {self}();");
        w.Line($"var errors = new {Errors}();");
        w.Line("var reader = new global::System.Text.Json.Utf8JsonReader(global::System.Text.Encoding.UTF8.GetBytes(json), new global::System.Text.Json.JsonReaderOptions { CommentHandling = global::System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });");
        w.Open("try");
        w.Open($"if (!reader.Read() || reader.TokenType != {token}.StartObject)");
        w.Line($"throw new global::Protocol.ConfigurationValidationException({Names.Literal(m.DisplayName)}, new[] {{ \"the JSON must be an object\" }});");
        w.Close();
        w.Open($"while (reader.Read() && reader.TokenType == {token}.PropertyName)");
        w.Line("var key = reader.GetString()!;");
        w.Line("reader.Read();");
        w.Open($"if (reader.TokenType == {token}.StartArray)");
        w.Line($"var items = new {Errors}();");
        w.Open($"while (reader.Read() && reader.TokenType != {token}.EndArray)");
        w.Open("if (global::Protocol.Infrastructure.ConfigJson.TryReadScalar(ref reader, out var item) && item is not null)");
        w.Line("items.Add(item);");
        w.Close();
        w.Open("else");
        w.Line("errors.Add(key + \": list elements must be strings.\");");
        w.Line("reader.Skip();");
        w.Close();
        w.Close();
        w.Line("result.__SetList(key, items, errors);");
        w.Close();
        w.Open($"else if (reader.TokenType == {token}.StartObject)");
        w.Line("reader.Skip();");
        w.Close();
        w.Open("else");
        w.Line("global::Protocol.Infrastructure.ConfigJson.TryReadScalar(ref reader, out var text);");
        w.Line("result.__Set(key, text, errors);");
        w.Close();
        w.Close();
        w.Close();
        w.Open("catch (global::System.Text.Json.JsonException e)");
        w.Line("errors.Add(\"the JSON is malformed: \" + e.Message);");
        w.Close();

        // Token types are checked before every Get*, so the reader's InvalidOperationException here means text it cannot decode ("\ud800").
        w.Open("catch (global::System.InvalidOperationException e)");
        w.Line("errors.Add(\"the JSON has a key or string that is not valid text: \" + e.Message);");
        w.Close();
        w.Line();
        w.Line("errors.AddRange(result.Validate());");
        w.Open("if (errors.Count != 0)");
        w.Line($"throw new global::Protocol.ConfigurationValidationException({Names.Literal(m.DisplayName)}, errors);");
        w.Close();
        w.Line("return result;");
        w.Close();
        w.Line();
    }

    private static void EmitSetters(SourceWriter w, ConfigurationModel m)
    {
        w.Open($"private void __Set(string key, string? text, {Errors} errors)");
        foreach (var s in m.Settings)
        {
            w.Open($"if (global::Protocol.Infrastructure.ConfigJson.KeyMatches(key, {Names.Literal(s.Name)}))");
            if (s.Nullable || s.Kind == SettingKind.String)
            {
                w.Open("if (text is null)");
                if (s.Nullable)
                {
                    w.Line($"this.{s.Name} = null;");
                }
                else
                {
                    w.Line($"errors.Add(\"{s.Name} must not be null.\");");
                }

                w.Line("return;");
                w.Close();
            }

            var parse = s.Kind switch
            {
                SettingKind.String => "text is { } __v",
                SettingKind.Boolean => "bool.TryParse(text, out var __v)",
                SettingKind.Int32 => $"int.TryParse(text, global::System.Globalization.NumberStyles.Integer, {Invariant}, out var __v)",
                SettingKind.Int64 => $"long.TryParse(text, global::System.Globalization.NumberStyles.Integer, {Invariant}, out var __v)",
                SettingKind.UInt32 => $"uint.TryParse(text, global::System.Globalization.NumberStyles.Integer, {Invariant}, out var __v)",
                SettingKind.Double => $"double.TryParse(text, global::System.Globalization.NumberStyles.Float, {Invariant}, out var __v)",
                SettingKind.Decimal => $"decimal.TryParse(text, global::System.Globalization.NumberStyles.Float, {Invariant}, out var __v)",
                SettingKind.TimeSpan => "global::Protocol.Infrastructure.ConfigJson.TryParseDuration(text, out var __v)",
                SettingKind.Uri => "global::System.Uri.TryCreate(text, global::System.UriKind.Absolute, out var __v)",
                SettingKind.Enum => $"global::System.Enum.TryParse<{s.TypeName}>(text, ignoreCase: true, out var __v) && global::System.Enum.IsDefined(__v)",
                _ => "text is { } __v",
            };
            var value = s.Kind != SettingKind.StringList ? "__v" : s.TypeName == "string[]" ? "new[] { __v }" : "new global::System.Collections.Generic.List<string> { __v }";
            w.Open($"if ({parse})");
            w.Line($"this.{s.Name} = {value};");
            w.Close();
            w.Open("else");
            w.Line($"errors.Add(\"{s.Name}: '\" + text + \"' is not a valid {KindText(s.Kind)}.\");");
            w.Close();
            w.Line("return;");
            w.Close();
        }

        w.Close();
        w.Line();
        w.Open($"private void __SetList(string key, {Errors} items, {Errors} errors)");
        foreach (var s in m.Settings)
        {
            w.Open($"if (global::Protocol.Infrastructure.ConfigJson.KeyMatches(key, {Names.Literal(s.Name)}))");
            if (s.Kind == SettingKind.StringList)
            {
                w.Line($"this.{s.Name} = {(s.TypeName == "string[]" ? "items.ToArray()" : "items")};");
            }
            else
            {
                w.Line($"errors.Add(\"{s.Name} takes a single value, not a list.\");");
            }

            w.Line("return;");
            w.Close();
        }

        w.Close();
        w.Line();
    }

    private static void EmitConfiguration(SourceWriter w, ConfigurationModel m)
    {
        const string configuration = "global::Microsoft.Extensions.Configuration.IConfiguration";
        w.Line("/// <summary>Creates a configuration from a configuration section (keys as in <see cref=\"FromJson\"/>) and validates it.</summary>");
        w.Line("/// <param name=\"section\">The section, e.g. <c>configuration.GetSection(\"PocketOption\")</c>.</param>");
        w.Line("/// <returns>The configuration.</returns>");
        w.Line("/// <exception cref=\"global::Protocol.ConfigurationValidationException\">A setting is invalid; the message names it.</exception>");
        w.Open($"public static {m.Type.FullName} FromConfiguration({configuration} section)");
        w.Line($"var result = new {m.Type.FullName}();");
        w.Line("result.Bind(section);");
        w.Line("result.EnsureValid();");
        w.Line("return result;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Assigns the settings present in <paramref name=\"section\"/> without reflection (for <c>services.Configure&lt;T&gt;(o =&gt; o.Bind(section))</c>); validation is left to <see cref=\"Validate\"/>.</summary>");
        w.Line("/// <param name=\"section\">The configuration section.</param>");
        w.Line("/// <exception cref=\"global::Protocol.ConfigurationValidationException\">A value cannot be parsed; the message names the field.</exception>");
        w.Open($"public void Bind({configuration} section)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(section);");
        w.Line($"var errors = new {Errors}();");
        w.Open("foreach (var child in section.GetChildren())");
        w.Open("if (child.Value is not null)");
        w.Line("__Set(child.Key, child.Value, errors);");
        w.Line("continue;");
        w.Close();
        w.Line($"var items = new {Errors}();");
        w.Open("foreach (var item in child.GetChildren())");
        w.Open("if (item.Value is not null)");
        w.Line("items.Add(item.Value);");
        w.Close();
        w.Close();
        w.Open("if (items.Count != 0)");
        w.Line("__SetList(child.Key, items, errors);");
        w.Close();
        w.Close();
        w.Open("if (errors.Count != 0)");
        w.Line($"throw new global::Protocol.ConfigurationValidationException({Names.Literal(m.DisplayName)}, errors);");
        w.Close();
        w.Close();
        w.Line();
    }

    private static string KindText(SettingKind kind) => kind switch
    {
        SettingKind.TimeSpan => "duration (seconds or hh:mm:ss)",
        SettingKind.Uri => "absolute URI",
        SettingKind.Enum => "value of the enum",
        _ => kind.ToString(),
    };
}
