using System.Runtime.CompilerServices;
using Protocol.Generators.Messages;
using Protocol.Generators.Tests.Infrastructure;

namespace Protocol.Generators.Tests;

public class MessageGeneratorTests
{
    internal static string FixtureSource([CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", "PocketOptionMessages.cs"));

    internal const string JsonActionSource = """
        using Protocol;
        [assembly: ProtocolPlatform("ExpertOption", Envelope = WireEnvelope.JsonAction, DataProperty = "message")]
        namespace Expert;
        /// <summary>Ping.</summary>
        [ProtocolMessage("ping")]
        public partial class Ping { /// <summary>Token.</summary>
        public string Token { get; set; } = ""; }
        /// <summary>Profile.</summary>
        [ProtocolMessage("profile", Layout = WireLayout.None)]
        public partial class Profile;
        """;

    [Fact]
    public void PocketOption_fixtures_match_baselines_and_compile_cleanly()
    {
        var (_, output, result) = Harness.Run(new MessageGenerator(), Harness.Compile(FixtureSource()));
        // The fixture file is test code without XML docs everywhere; only generated files must be warning-free.
        output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning && d.Id != "CS1591").ShouldBeEmpty();
        output.GetDiagnostics().Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ShouldBeEmpty();
        result.GeneratedSources.Length.ShouldBe(22); // 14 messages + 7 wire types + the assembly's shared class
        Harness.MatchBaselines(result, "PocketOption");
    }

    [Fact]
    public void Json_action_platform_matches_baselines_and_compiles_with_docs_on()
    {
        var (_, output, result) = Harness.Run(new MessageGenerator(), Harness.Compile(JsonActionSource));
        output.ShouldCompileCleanly();
        Harness.MatchBaselines(result, "JsonAction");
    }

    [Fact]
    public void Run_twice_and_edit_elsewhere_leave_messages_with_binary_members_cached()
    {
        var binary = File.ReadAllText(Path.Combine(Path.GetDirectoryName(BinaryFixturesPath())!, "Fixtures", "BinaryFixtures.cs"));
        Harness.AssertIncremental(new MessageGenerator(), Harness.Compile(binary), [TrackingNames.MessageModels, TrackingNames.Messages, TrackingNames.WireTypeModels, TrackingNames.WireTypes]);
    }

    private static string BinaryFixturesPath([CallerFilePath] string here = "") => here;

    [Fact]
    public void Run_twice_and_edit_elsewhere_leave_every_output_cached()
    {
        Harness.AssertIncremental(new MessageGenerator(), Harness.Compile(FixtureSource()), [TrackingNames.MessageModels, TrackingNames.Messages, TrackingNames.WireTypeModels, TrackingNames.WireTypes, TrackingNames.SharedScope, TrackingNames.SharedItems, TrackingNames.SharedUnit]);
    }
}
