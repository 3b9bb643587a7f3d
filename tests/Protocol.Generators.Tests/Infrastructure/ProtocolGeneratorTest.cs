using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Protocol.Generators.Tests.Infrastructure;

/// <summary>
/// A generator under Microsoft.CodeAnalysis.Testing, expecting exactly the checked-in baseline files as its output. Beyond the
/// hand-made driver's baseline comparison it compiles the result against the net10.0 reference assemblies users build with (not the
/// test host's implementation assemblies), with documentation diagnostics on, and fails on any compiler warning in it.
/// </summary>
internal sealed class ProtocolGeneratorTest<TGenerator> : CSharpSourceGeneratorTest<TGenerator, DefaultVerifier>
    where TGenerator : new()
{
    public ProtocolGeneratorTest(string baselines, [System.Runtime.CompilerServices.CallerFilePath] string callerPath = "")
    {
        ReferenceAssemblies = Net100ReferenceAssemblies.Value;
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
        TestState.AdditionalReferences.Add(typeof(Protocol.MessageView).Assembly);
        TestState.AdditionalReferences.Add(typeof(Protocol.SocketIO.SocketIOEventWriter).Assembly);
        var root = Path.Combine(Path.GetDirectoryName(callerPath)!, "Baselines", baselines);
        foreach (var file in Directory.GetFiles(root).Order(StringComparer.Ordinal))
        {
            TestState.GeneratedSources.Add((typeof(TGenerator), Path.GetFileNameWithoutExtension(file), SourceText.From(File.ReadAllText(file), Encoding.UTF8)));
        }
    }

    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Preview).WithDocumentationMode(DocumentationMode.Diagnose);

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
}
