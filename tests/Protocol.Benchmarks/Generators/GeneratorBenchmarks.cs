using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Protocol.Generators.Messages;

namespace Protocol.Benchmarks.Generators;

/// <summary>
/// The message generator over 200 declared messages, against the compiler's own declaration pass over the same source (the baseline):
/// a first run on a freshly declared compilation, and a rerun after an unrelated edit (every output Cached). Read the ratio column.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _fresh = null!;
    private GeneratorDriver _warmDriver = null!;
    private CSharpCompilation _edited = null!;

    [GlobalSetup]
    public void Setup()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll")
            .Append(typeof(Protocol.MessageView).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        _compilation = CSharpCompilation.Create(
            "Bench",
            [CSharpSyntaxTree.ParseText(Protocol.Generators.Tests.Infrastructure.ManyMessages.Source("Perf"), ParseOptions)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _warmDriver = Driver().RunGenerators(_compilation);
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", ParseOptions));
    }

    // A fresh compilation whose declarations exist, as they do when the compiler hands it to generators.
    [IterationSetup]
    public void Declare()
    {
        _fresh = (CSharpCompilation)_compilation.Clone();
        _fresh.GetDeclarationDiagnostics();
    }

    /// <summary>The compiler declaring the same 200 messages (what every build pays anyway).</summary>
    [Benchmark(Baseline = true)]
    public int DeclareCompilation() => _compilation.Clone().GetDeclarationDiagnostics().Length;

    /// <summary>One generator run on a declared compilation.</summary>
    [Benchmark]
    public int FirstRun() => Driver().RunGenerators(_fresh).GetRunResult().Results[0].GeneratedSources.Length;

    /// <summary>A rerun after an unrelated edit: models compare equal, nothing is emitted again.</summary>
    [Benchmark]
    public int RerunAfterUnrelatedEdit() => _warmDriver.RunGenerators(_edited).GetRunResult().Results[0].GeneratedSources.Length;

    private static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create([new MessageGenerator().AsSourceGenerator()], parseOptions: ParseOptions, driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
