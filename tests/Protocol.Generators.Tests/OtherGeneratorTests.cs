using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Protocol.Generators.Configuration;
using Protocol.Generators.Messages;
using Protocol.Generators.Regions;
using Protocol.Generators.Tests.Infrastructure;
using Protocol.Generators.Timeouts;
using Xunit.Abstractions;

namespace Protocol.Generators.Tests;

public class OtherGeneratorTests(ITestOutputHelper output)
{
    internal const string RegionsSource = """
        using Protocol;
        namespace Po;
        /// <summary>Regions.</summary>
        [ProtocolRegions("regions.json")]
        public static partial class PocketOptionRegions;
        """;

    internal const string TimeoutSource = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Protocol;
        namespace Po;
        /// <summary>Client.</summary>
        public partial class Client
        {
            private readonly TimeProvider _clock = TimeProvider.System;
            [ProtocolTimeout(30_000, TimeProvider = nameof(_clock))]
            private Task<decimal> BalanceCoreAsync(bool demo, CancellationToken cancellationToken) => Task.FromResult(1m);
            [ProtocolTimeout(500)]
            internal static ValueTask PingCoreAsync(CancellationToken ct) => default;
        }
        """;

    internal const string ConfigurationSource = """
        using System;
        using System.Collections.Generic;
        using Protocol;
        namespace Po;
        /// <summary>Config.</summary>
        [ProtocolConfiguration]
        public sealed partial class Config
        {
            /// <summary>Loops.</summary>
            [ConfigRange(0, 100)] public int MaxAllowedLoops { get; set; } = 100;
            /// <summary>Reconnect.</summary>
            [ConfigRange(1, 60)] public TimeSpan ReconnectTime { get; set; } = TimeSpan.FromSeconds(5);
            /// <summary>Urls.</summary>
            [ConfigRequired] public List<string> Urls { get; set; } = new() { "wss://x" };
            /// <summary>Agent.</summary>
            public string? UserAgent { get; set; }
        }
        """;

    internal static string RegionsJson => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "regions.json"));

    [Fact]
    public void Regions_match_baseline_and_cache()
    {
        var regions = new InMemoryAdditionalText("/repo/regions.json", RegionsJson);
        var (_, compiled, result) = Harness.Run(new RegionsGenerator(), Harness.Compile(RegionsSource), regions);
        compiled.ShouldCompileCleanly();
        Harness.MatchBaselines(result, "Regions");
        Harness.AssertIncremental(new RegionsGenerator(), Harness.Compile(RegionsSource), [TrackingNames.RegionDeclarations, TrackingNames.RegionFiles, TrackingNames.Regions], regions);
    }

    [Fact]
    public void Regions_of_another_platform_come_from_its_own_file()
    {
        var source = RegionsSource.Replace("regions.json", "expertoption-regions.json").Replace("PocketOptionRegions", "ExpertRegions");
        var (_, compiled, result) = Harness.Run(
            new RegionsGenerator(),
            Harness.Compile(source),
            new InMemoryAdditionalText("/repo/regions.json", RegionsJson),
            new InMemoryAdditionalText("/repo/eo/expertoption-regions.json", """[{"name":"eu-1","url":"wss://fr24g1eu.expertoption.com/","latitude":50,"longitude":8}]"""));
        compiled.ShouldCompileCleanly();
        var text = result.GeneratedSources.Single().SourceText.ToString();
        text.ShouldContain("public const string Eu1Url = \"wss://fr24g1eu.expertoption.com/\";");
        text.ShouldNotContain("Europe");
    }

    [Fact]
    public void Timeouts_match_baseline_and_cache()
    {
        var (_, compiled, result) = Harness.Run(new TimeoutGenerator(), Harness.Compile(TimeoutSource));
        compiled.ShouldCompileCleanly();
        Harness.MatchBaselines(result, "Timeouts");
        Harness.AssertIncremental(new TimeoutGenerator(), Harness.Compile(TimeoutSource), [TrackingNames.TimeoutModels, TrackingNames.Timeouts]);
    }

    [Fact]
    public void Configuration_matches_baseline_and_caches_with_and_without_Microsoft_Extensions()
    {
        var (_, compiled, result) = Harness.Run(new ConfigurationGenerator(), Harness.Compile(ConfigurationSource));
        compiled.ShouldCompileCleanly();
        Harness.MatchBaselines(result, "Configuration");
        Harness.AssertIncremental(new ConfigurationGenerator(), Harness.Compile(ConfigurationSource), [TrackingNames.ConfigurationModels, TrackingNames.Configurations]);

        // Without Microsoft.Extensions.* referenced, there is no Bind/OptionsValidator and the rest still compiles.
        var bare = Harness.Run(new ConfigurationGenerator(), Harness.Compile([(ConfigurationSource, "Config.cs")], withExtensions: false));
        bare.Output.ShouldCompileCleanly();
        var text = bare.Result.GeneratedSources.Single().SourceText.ToString();
        text.ShouldNotContain("IConfiguration");
        text.ShouldNotContain("OptionsValidator");
    }

    [Fact]
    public void Two_hundred_messages_generate_and_a_rerun_after_an_unrelated_edit_is_all_cached()
    {
        // Warm up JIT on a different compilation so the figure is the generator's, not the runtime's first-call cost.
        Harness.Driver(new MessageGenerator()).RunGenerators(Harness.Compile(ManyMessages.Source("Warm")));

        var compilation = Harness.Compile(ManyMessages.Source("Perf"));
        var driver = Harness.Driver(new MessageGenerator());
        var watch = Stopwatch.StartNew();
        // The compiler has declared the compilation's symbols before generators run; do that outside the measured window.
        compilation.GetDeclarationDiagnostics();
        output.WriteLine($"declaring the 200-message compilation: {watch.Elapsed.TotalMilliseconds:0} ms");
        watch.Restart();
        driver = driver.RunGenerators(compilation);
        watch.Stop();
        var first = driver.GetRunResult();
        first.Results.Single().GeneratedSources.Length.ShouldBe(201); // and the shared class
        var firstWall = watch.Elapsed;
        var reported = driver.GetTimingInfo().ElapsedTime;

        var edited = compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Unrelated { }", Harness.ParseOptions));
        watch.Restart();
        driver = driver.RunGenerators(edited);
        var rerun = watch.Elapsed;
        var second = driver.GetRunResult().Results.Single();
        var outputs = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        outputs.Count.ShouldBe(201);
        outputs.ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached);

        // Reported, not asserted: wall-clock limits fail on a busy machine. Protocol.Benchmarks' GeneratorBenchmarks measures the run as a
        // ratio against the compiler's own declaration pass over the same source.
        output.WriteLine($"200 messages: first run {firstWall.TotalMilliseconds:0} ms wall / driver-reported {reported.TotalMilliseconds:0} ms; rerun after unrelated edit {rerun.TotalMilliseconds:0} ms, {outputs.Count} outputs Cached");
    }
}
