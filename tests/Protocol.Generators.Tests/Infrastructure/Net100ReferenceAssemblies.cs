using Microsoft.CodeAnalysis.Testing;

namespace Protocol.Generators.Tests.Infrastructure;

/// <summary>
/// net10.0 reference assemblies for Microsoft.CodeAnalysis.Testing compilations (test code references Protocol.Core, a net10.0
/// assembly). The built-in <c>ReferenceAssemblies.Net.Net100</c> asks for Microsoft.NETCore.App.Ref 10.0.1, which the registry does
/// not serve. The package is resolved through the NuGet sources of the machine's NuGet.Config on first use: from the global packages
/// folder when it is there, otherwise downloaded into <c>{temp}/test-packages</c>, so a clean machine needs no pre-seeded cache.
/// </summary>
internal static class Net100ReferenceAssemblies
{
    public static readonly ReferenceAssemblies Value = new(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));
}
