using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Protocol.Generators.Diagnostics;

namespace Protocol.Generators.Tests.Infrastructure;

/// <summary>
/// ProtocolAnalyzer under Microsoft.CodeAnalysis.Testing: markup spans (<c>{|#0:…|}</c>) in the test code assert each diagnostic's
/// exact location, and the compilation must have no compiler errors. This is what CSharpAnalyzerTest does; that class ships in a
/// separate package (Microsoft.CodeAnalysis.CSharp.Analyzer.Testing) this project does not need for one analyzer.
/// </summary>
internal sealed class ProtocolAnalyzerTest : AnalyzerTest<DefaultVerifier>
{
    public ProtocolAnalyzerTest()
    {
        ReferenceAssemblies = Net100ReferenceAssemblies.Value;
        TestState.AdditionalReferences.Add(typeof(Protocol.MessageView).Assembly);
        TestState.AdditionalReferences.Add(typeof(Protocol.SocketIO.SocketIOEventWriter).Assembly);
    }

    public override string Language => LanguageNames.CSharp;

    protected override string DefaultFileExt => "cs";

    protected override CompilationOptions CreateCompilationOptions() =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.Diagnose);

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => [new ProtocolAnalyzer()];
}
