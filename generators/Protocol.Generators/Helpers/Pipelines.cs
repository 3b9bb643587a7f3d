using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Protocol.Generators.Helpers;

internal static class Pipelines
{
    /// <summary>
    /// The generators' common front: the attributed declarations parsed to models (null when invalid; the analyzer reports why), then only
    /// the valid ones. Both steps carry tracking names so the caching tests can assert their run reasons.
    /// </summary>
    public static IncrementalValuesProvider<T> ValidModels<T>(
        this SyntaxValueProvider provider,
        string attribute,
        Func<SyntaxNode, CancellationToken, bool> predicate,
        Func<GeneratorAttributeSyntaxContext, CancellationToken, T?> parse,
        string parsedName,
        string validName)
        where T : class
        => provider.ForAttributeWithMetadataName(attribute, predicate, parse)
            .WithTrackingName(parsedName)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(validName);
}
