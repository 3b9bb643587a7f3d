using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Protocol.Generators.Helpers;

/// <summary>Attribute metadata names (the generator cannot reference Protocol.Core, so it matches by name).</summary>
internal static class AttributeNames
{
    public const string Namespace = "Protocol.";
    public const string Message = Namespace + "ProtocolMessageAttribute";
    public const string WireType = Namespace + "WireTypeAttribute";
    public const string Platform = Namespace + "ProtocolPlatformAttribute";
    public const string WireName = Namespace + "WireNameAttribute";
    public const string WireAlias = Namespace + "WireAliasAttribute";
    public const string WireIndex = Namespace + "WireIndexAttribute";
    public const string WireNumberAsString = Namespace + "WireNumberAsStringAttribute";
    public const string WireEnum = Namespace + "WireEnumAttribute";
    public const string WireOptional = Namespace + "WireOptionalAttribute";
    public const string WireIgnore = Namespace + "WireIgnoreAttribute";
    public const string WireBareArray = Namespace + "WireBareArrayAttribute";
    public const string WireDecimal = Namespace + "WireDecimalAttribute";
    public const string WireAllowNonFinite = Namespace + "WireAllowNonFiniteAttribute";
    public const string WireExtensionData = Namespace + "WireExtensionDataAttribute";
    public const string Regions = Namespace + "ProtocolRegionsAttribute";
    public const string Timeout = Namespace + "ProtocolTimeoutAttribute";
    public const string Configuration = Namespace + "ProtocolConfigurationAttribute";
    public const string ConfigRange = Namespace + "ConfigRangeAttribute";
    public const string ConfigRequired = Namespace + "ConfigRequiredAttribute";
    public const string Module = Namespace + "ProtocolModuleAttribute";
    public const string ModuleCommand = Namespace + "ModuleCommandAttribute";
    public const string ModuleCommandFailure = Namespace + "ModuleCommandFailureAttribute";
    public const string ModuleSend = Namespace + "ModuleSendAttribute";
    public const string ModuleStream = Namespace + "ModuleStreamAttribute";
    public const string ModuleHandler = Namespace + "ModuleHandlerAttribute";
    public const string ModuleKeyedStream = Namespace + "ModuleKeyedStreamAttribute";
    public const string ModuleStreamStart = Namespace + "ModuleStreamStartAttribute";
    public const string ModuleStreamStop = Namespace + "ModuleStreamStopAttribute";
    public const string ModuleWait = Namespace + "ModuleWaitAttribute";
    public const string ModuleOnReady = Namespace + "ModuleOnReadyAttribute";
    public const string ModulePeriodic = Namespace + "ModulePeriodicAttribute";
    public const string IWireReadable = "Protocol.IWireReadable`1";
    public const string IWireWritable = "Protocol.IWireWritable";
}

internal static class SymbolExtensions
{
    public static bool Is(this AttributeData attribute, string metadataName)
    {
        var c = attribute.AttributeClass;
        if (c is null || c.Name.Length + AttributeNames.Namespace.Length != metadataName.Length || !metadataName.EndsWith(c.Name, System.StringComparison.Ordinal))
        {
            return false;
        }

        return c.ContainingNamespace?.ToDisplayString() + "." + c.Name == metadataName;
    }

    public static AttributeData? Find(this ISymbol symbol, string metadataName)
    {
        foreach (var a in symbol.GetAttributes())
        {
            if (a.Is(metadataName))
            {
                return a;
            }
        }

        return null;
    }

    public static IEnumerable<AttributeData> FindAll(this ISymbol symbol, string metadataName) => symbol.GetAttributes().Where(a => a.Is(metadataName));

    public static T? Named<T>(this AttributeData a, string name, T? fallback = default)
    {
        foreach (var kv in a.NamedArguments)
        {
            if (kv.Key == name && kv.Value.Value is T value)
            {
                return value;
            }
        }

        return fallback;
    }

    /// <summary>A named array argument's string elements (empty when absent).</summary>
    public static IEnumerable<string> NamedStrings(this AttributeData a, string name)
    {
        foreach (var kv in a.NamedArguments)
        {
            if (kv.Key == name && kv.Value.Kind == TypedConstantKind.Array && !kv.Value.IsNull)
            {
                return kv.Value.Values.Select(v => v.Value as string ?? "").ToList();
            }
        }

        return Enumerable.Empty<string>();
    }

    public static T? Ctor<T>(this AttributeData a, int index) =>
        a.ConstructorArguments.Length > index && a.ConstructorArguments[index].Value is T value ? value : default;

    /// <summary>The first type (this one or a containing one) not declared partial in every declaration, or null.</summary>
    public static INamedTypeSymbol? FirstNonPartial(this INamedTypeSymbol type, CancellationToken ct)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            foreach (var r in t.DeclaringSyntaxReferences)
            {
                if (r.GetSyntax(ct) is TypeDeclarationSyntax d && !d.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return t;
                }
            }
        }

        return null;
    }

    public static Location Where(this ISymbol symbol) => symbol.Locations.FirstOrDefault() ?? Location.None;

    public static Location Where(this AttributeData attribute, ISymbol fallback) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback.Where();
}
