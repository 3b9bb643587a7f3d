using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Protocol.Generators.Diagnostics;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Configuration;

internal enum SettingKind
{
    String,
    Boolean,
    Int32,
    Int64,
    UInt32,
    Double,
    Decimal,
    TimeSpan,
    Uri,
    Enum,
    StringList,
}

internal sealed record SettingModel(string Name, SettingKind Kind, string TypeName, bool Nullable, bool HasRange, double Minimum, double Maximum, bool Required);

internal sealed record ConfigurationModel(TypeDecl Type, string DisplayName, EquatableArray<SettingModel> Settings, bool HasConfiguration, bool HasOptions);

internal static class ConfigurationParser
{
    public static ConfigurationModel? Parse(INamedTypeSymbol type, Compilation compilation, List<DiagnosticInfo>? diagnostics, CancellationToken ct)
    {
        var valid = true;
        void Report(DiagnosticDescriptor d, Location l, params object[] args)
        {
            valid = false;
            diagnostics?.Add(DiagnosticInfo.Create(d, l, args));
        }

        if (type.FirstNonPartial(ct) is { } notPartial)
        {
            Report(Descriptors.MissingPartial, notPartial.Where(), notPartial.ToDisplayString(), "configuration");
        }

        if (type.IsGenericType || type.IsAbstract || type.IsStatic || !type.InstanceConstructors.Any(c => c.Parameters.Length == 0))
        {
            Report(Descriptors.InvalidConfiguration, type.Where(), type.ToDisplayString(), "a configuration type must be a non-generic, non-abstract class with a parameterless constructor");
        }

        var settings = new List<SettingModel>();
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public || property.IsImplicitlyDeclared)
            {
                continue;
            }

            var name = type.Name + "." + property.Name;
            if (property.SetMethod is null || property.SetMethod.IsInitOnly || property.SetMethod.DeclaredAccessibility != Accessibility.Public)
            {
                Report(Descriptors.InvalidConfiguration, property.Where(), name, "settings need a public setter so the builder and binders can assign them; add 'set;'");
                continue;
            }

            var nullable = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
            var t = nullable ? ((INamedTypeSymbol)property.Type).TypeArguments[0] : property.Type;
            nullable |= property.Type.IsReferenceType && property.NullableAnnotation == NullableAnnotation.Annotated;
            var display = t.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();
            SettingKind? kind = t.SpecialType switch
            {
                SpecialType.System_String => SettingKind.String,
                SpecialType.System_Boolean => SettingKind.Boolean,
                SpecialType.System_Int32 => SettingKind.Int32,
                SpecialType.System_Int64 => SettingKind.Int64,
                SpecialType.System_UInt32 => SettingKind.UInt32,
                SpecialType.System_Double => SettingKind.Double,
                SpecialType.System_Decimal => SettingKind.Decimal,
                _ => display switch
                {
                    "System.TimeSpan" => SettingKind.TimeSpan,
                    "System.Uri" => SettingKind.Uri,
                    "System.Collections.Generic.List<string>" or "string[]" => SettingKind.StringList,
                    _ => t.TypeKind == TypeKind.Enum ? SettingKind.Enum : null,
                },
            };
            if (kind is null)
            {
                Report(Descriptors.InvalidConfiguration, property.Where(), name, $"type '{property.Type.ToDisplayString()}' is not supported; use string, bool, int, long, uint, double, decimal, TimeSpan, Uri, an enum, or List<string>");
                continue;
            }

            var range = property.Find(AttributeNames.ConfigRange);
            var minimum = range?.Ctor<double>(0) ?? 0;
            var maximum = range?.Ctor<double>(1) ?? 0;
            if (range is not null && kind is not (SettingKind.Int32 or SettingKind.Int64 or SettingKind.UInt32 or SettingKind.Double or SettingKind.Decimal or SettingKind.TimeSpan))
            {
                Report(Descriptors.InvalidConfiguration, range.Where(property), name, "[ConfigRange] applies only to numbers and TimeSpan");
            }
            else if (range is not null && !(minimum <= maximum))
            {
                Report(Descriptors.InvalidConfiguration, range.Where(property), name, $"[ConfigRange] minimum {Names.Double(minimum)} is greater than maximum {Names.Double(maximum)}");
            }

            var required = property.Find(AttributeNames.ConfigRequired);
            if (required is not null && kind is not (SettingKind.String or SettingKind.StringList or SettingKind.Uri))
            {
                Report(Descriptors.InvalidConfiguration, required.Where(property), name, "[ConfigRequired] applies only to strings, URIs and lists");
            }

            settings.Add(new SettingModel(
                property.Name,
                kind.Value,
                display == "string[]" ? "string[]" : t.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                nullable,
                range is not null,
                minimum,
                maximum,
                required is not null));
        }

        if (!valid)
        {
            return null;
        }

        return new ConfigurationModel(
            TypeDecl.From(type),
            type.Name,
            settings.ToEquatableArray(),
            compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration") is not null,
            compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IValidateOptions`1") is not null);
    }
}
