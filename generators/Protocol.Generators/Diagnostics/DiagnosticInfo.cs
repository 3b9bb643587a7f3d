using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Diagnostics;

/// <summary>
/// Where a diagnostic points, as plain data: a <see cref="Location"/> holds its syntax tree, which would keep the compilation alive
/// and make every model that carries it compare unequal after any edit.
/// </summary>
internal sealed record LocationInfo(string Path, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location location) =>
        location.IsInSource || location.Kind == LocationKind.ExternalFile
            ? new LocationInfo(location.GetLineSpan().Path, location.SourceSpan, location.GetLineSpan().Span)
            : null;

    /// <summary>
    /// An external-file location with the same path, span and lines: build output and IDEs show it at the declaration, but
    /// #pragma warning disable does not reach it (severity settings in .editorconfig do). Every PROTO id is an error anyway.
    /// </summary>
    public Location ToLocation() => Location.Create(Path, Span, LineSpan);
}

/// <summary>
/// A declaration diagnostic found by a generator's parser, carried through the incremental pipeline as equatable data (descriptor id,
/// message arguments as invariant strings, location) and reported in the source output step.
/// </summary>
internal sealed record DiagnosticInfo(string Id, EquatableArray<string> Arguments, LocationInfo? Location)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, params object?[] arguments) =>
        new(descriptor.Id, arguments.Select(a => System.Convert.ToString(a, CultureInfo.InvariantCulture) ?? "").ToEquatableArray(), LocationInfo.From(location));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptors.ById(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Arguments.Cast<object?>().ToArray());
}
