using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Protocol.Generators.Tests.Infrastructure;

/// <summary>
/// A plain CSharpGeneratorDriver harness, kept for what Microsoft.CodeAnalysis.Testing does not do: run-twice caching assertions on tracked
/// steps, baseline refresh, and running a generator whose output is then loaded and executed. References come from the trusted platform
/// assemblies plus Protocol.Core, Protocol.SocketIO (generated Socket.IO messages call its event writer) and Microsoft.Extensions.*, so no reference-assembly download is needed.
/// </summary>
internal static class Harness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var wanted = tpa.Where(p =>
        {
            var name = Path.GetFileNameWithoutExtension(p);
            return name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib"
                || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal);
        });
        return [.. wanted.Append(typeof(Protocol.MessageView).Assembly.Location).Append(typeof(Protocol.SocketIO.SocketIOEventWriter).Assembly.Location).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    public static CSharpCompilation Compile(params string[] sources) => Compile(sources.Select((s, i) => (s, $"Source{i}.cs")).ToArray());

    public static CSharpCompilation Compile((string Text, string Path)[] sources, bool withExtensions = true) => CSharpCompilation.Create(
        "TestProject", // the name Microsoft.CodeAnalysis.Testing gives its project, so both harnesses generate the same shared namespace
        sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
        withExtensions ? References.Value : References.Value.Where(r => !Path.GetFileName(r.Display!).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    public static GeneratorDriver Driver(IIncrementalGenerator generator, params AdditionalText[] additional) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            additional,
            ParseOptions,
            optionsProvider: null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and returns the output compilation after checking that it compiles without warnings.</summary>
    public static (GeneratorDriver Driver, Compilation Output, GeneratorRunResult Result) Run(IIncrementalGenerator generator, Compilation compilation, params AdditionalText[] additional)
    {
        var driver = Driver(generator, additional).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        generatorDiagnostics.ShouldBeEmpty();
        var result = driver.GetRunResult().Results.Single();
        result.Exception.ShouldBeNull();
        return (driver, output, result);
    }

    /// <summary>
    /// Runs the generators together, as a build does, on a compilation with declaration mistakes: returns what the generators
    /// reported and the updated compilation (for its compiler errors).
    /// </summary>
    public static (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Reported) RunReporting(Compilation compilation, params IIncrementalGenerator[] generators)
    {
        var driver = CSharpGeneratorDriver.Create(
            generators.Select(g => g.AsSourceGenerator()),
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var reported);
        driver.GetRunResult().Results.ShouldAllBe(r => r.Exception == null);
        return (driver, output, reported);
    }

    /// <summary>The compilation's errors, as text (for assertions that show them).</summary>
    public static List<string> Errors(this Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();

    /// <summary>Asserts the compilation has no errors or warnings (generated code must build under warnings-as-errors with docs on).</summary>
    public static void ShouldCompileCleanly(this Compilation output)
    {
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems.Select(d => d.ToString())));
    }

    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, DiagnosticAnalyzer analyzer, params AdditionalText[] additional)
    {
        var options = new AnalyzerOptions([.. additional]);
        return compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>
    /// Runs again on a clone, and again after adding an unrelated file, asserting every output is Cached and every named step Cached
    /// or Unchanged (FAWMN transforms re-run after any edit and report Unchanged: models are what cut the work off).
    /// </summary>
    public static void AssertIncremental(IIncrementalGenerator generator, Compilation compilation, string[] trackingNames, params AdditionalText[] additional)
    {
        var driver = Driver(generator, additional).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        first.GeneratedSources.ShouldNotBeEmpty();

        foreach (var next in new[] { compilation.Clone(), compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Elsewhere { internal class Unrelated { } }", ParseOptions, "Unrelated.cs")) })
        {
            driver = driver.RunGenerators(next);
            var second = driver.GetRunResult().Results.Single();
            foreach (var name in trackingNames)
            {
                second.TrackedSteps.ShouldContainKey(name);
                var steps = second.TrackedSteps[name];
                foreach (var step in steps)
                {
                    foreach (var output in step.Outputs)
                    {
                        output.Reason.ShouldBeOneOf([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged], $"step {name}");
                    }
                }

                first.TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value)
                    .ShouldBe(steps.SelectMany(s => s.Outputs).Select(o => o.Value), $"step {name} produced different models");
            }

            second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
                .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached);
            second.TrackedOutputSteps.ShouldNotBeEmpty();
        }

        // Models must not keep compilations alive or compare by identity.
        foreach (var step in first.TrackedSteps.Where(s => trackingNames.Contains(s.Key)).SelectMany(s => s.Value))
        {
            foreach (var output in step.Outputs)
            {
                AssertNoCompilationData(output.Value);
            }
        }
    }

    /// <summary>Walks an object graph and fails on any ISymbol, SyntaxNode, Compilation, SemanticModel or Location.</summary>
    public static void AssertNoCompilationData(object? value)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(value, "model");

        void Visit(object? node, string path)
        {
            if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum)
            {
                return;
            }

            (node is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree or AdditionalText or SourceText)
                .ShouldBeFalse($"{path} holds a {node.GetType().Name}");
            if (!node.GetType().IsValueType && !seen.Add(node))
            {
                return;
            }

            if (node is IEnumerable items)
            {
                var i = 0;
                foreach (var item in items)
                {
                    Visit(item, $"{path}[{i++}]");
                }
            }

            for (var type = node.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Visit(field.GetValue(node), $"{path}.{field.Name}");
                }
            }
        }
    }

    /// <summary>
    /// Compares every generated file with Baselines/{test}/{hint}.txt. Set PROTOCOL_UPDATE_BASELINES=1 to rewrite them (and delete stale
    /// ones) instead: run `PROTOCOL_UPDATE_BASELINES=1 dotnet test tests/Protocol.Generators.Tests`, then review the diff.
    /// </summary>
    public static void MatchBaselines(GeneratorRunResult result, string test, [CallerFilePath] string callerPath = "")
    {
        var root = Path.Combine(FindProjectDirectory(callerPath), "Baselines", test);
        var update = Environment.GetEnvironmentVariable("PROTOCOL_UPDATE_BASELINES") == "1";
        if (update)
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

            Directory.CreateDirectory(root);
        }

        result.GeneratedSources.ShouldNotBeEmpty();
        foreach (var source in result.GeneratedSources)
        {
            var path = Path.Combine(root, source.HintName + ".txt");
            var text = source.SourceText.ToString();
            if (update)
            {
                File.WriteAllText(path, text);
                continue;
            }

            File.Exists(path).ShouldBeTrue($"no baseline {path}; run with PROTOCOL_UPDATE_BASELINES=1 to create it");
            text.ShouldBe(File.ReadAllText(path), $"generated {source.HintName} differs from its baseline; if the change is intended, rerun with PROTOCOL_UPDATE_BASELINES=1");
        }

        if (!update)
        {
            Directory.GetFiles(root).Length.ShouldBe(result.GeneratedSources.Length, "stale baseline files");
        }
    }

    private static string FindProjectDirectory(string callerPath)
    {
        for (var dir = Path.GetDirectoryName(callerPath); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Protocol.Generators.Tests.csproj")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("test project directory not found from " + callerPath);
    }
}

/// <summary>An in-memory AdditionalFiles item.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}
