using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Protocol.Generators.Helpers;

/// <summary>A containing type to reopen as partial: its keyword and name.</summary>
internal sealed record ContainerModel(string Keyword, string Name);

/// <summary>Where a generated partial goes: namespace, containing types, keyword, name, fully qualified name.</summary>
internal sealed record TypeDecl(string Namespace, EquatableArray<ContainerModel> Containers, string Keyword, string Name, string FullName)
{
    public static TypeDecl From(INamedTypeSymbol type)
    {
        var containers = new List<ContainerModel>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            containers.Insert(0, new ContainerModel(KeywordOf(t), t.Name));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        return new TypeDecl(ns, containers.ToEquatableArray(), KeywordOf(type), type.Name, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
    }

    public static string KeywordOf(INamedTypeSymbol t) => (t.IsRecord, t.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (_, TypeKind.Struct) => "struct",
        (_, TypeKind.Interface) => "interface",
        _ => "class",
    };

    /// <summary>Opens namespace and containers; returns how many braces to close.</summary>
    public int Open(SourceWriter w, string baseList)
    {
        var depth = 0;
        if (Namespace.Length != 0)
        {
            w.Open("namespace " + Namespace);
            depth++;
        }

        foreach (var c in Containers)
        {
            w.Open("partial " + c.Keyword + " " + c.Name);
            depth++;
        }

        w.Open("partial " + Keyword + " " + Name + (baseList.Length == 0 ? "" : " : " + baseList));
        return depth + 1;
    }

    public static void Close(SourceWriter w, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            w.Close();
        }
    }
}
