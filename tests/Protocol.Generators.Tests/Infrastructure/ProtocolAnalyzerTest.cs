using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Protocol.Generators.Configuration;
using Protocol.Generators.Diagnostics;
using Protocol.Generators.Messages;
using Protocol.Generators.Modules;
using Protocol.Generators.Regions;
using Protocol.Generators.Timeouts;

namespace Protocol.Generators.Tests.Infrastructure;

/// <summary>
/// The protocol's diagnostics as a build reports them, under Microsoft.CodeAnalysis.Testing: every generator runs (they report the
/// declaration diagnostics) and ProtocolAnalyzer too (duplicate wire names, stray module attributes). Markup spans
/// (<c>{|#0:…|}</c>) in the test code assert each diagnostic's exact location; a diagnostic reported twice fails (two results for
/// one expected), and so does any compiler error in the updated compilation: a PROTO error must not cascade. The generated files
/// themselves are the baseline tests' business.
/// </summary>
internal sealed class ProtocolAnalyzerTest : AnalyzerTest<DefaultVerifier>
{
    public ProtocolAnalyzerTest()
    {
        ReferenceAssemblies = Net100ReferenceAssemblies.Value;
        TestState.AdditionalReferences.Add(typeof(Protocol.MessageView).Assembly);
        TestState.AdditionalReferences.Add(typeof(Protocol.SocketIO.SocketIOEventWriter).Assembly);
        // A generator's diagnostic has an external-file location (a model cannot hold a syntax tree), which #pragma does not reach;
        // the framework would check that #pragma suppresses every id ProtocolAnalyzer also supports (PROTO015).
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck | TestBehaviors.SkipSuppressionCheck;
    }

    public override string Language => LanguageNames.CSharp;

    protected override string DefaultFileExt => "cs";

    protected override CompilationOptions CreateCompilationOptions() =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.Diagnose);

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => [new ProtocolAnalyzer()];

    protected override IEnumerable<Type> GetSourceGenerators() =>
        [typeof(MessageGenerator), typeof(ModuleGenerator), typeof(TimeoutGenerator), typeof(ConfigurationGenerator), typeof(RegionsGenerator)];
}
