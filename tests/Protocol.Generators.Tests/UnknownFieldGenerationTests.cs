using Protocol.Generators.Tests.Infrastructure;

namespace Protocol.Generators.Tests;

/// <summary>What the generated readers report as unknown, from the generated source: only the undeclared-property branch calls the hook.</summary>
public sealed class UnknownFieldGenerationTests
{
    [Fact]
    public void The_action_name_beside_a_flat_json_action_message_s_members_is_known_and_never_reported()
    {
        var (_, _, result) = Harness.Run(new Protocol.Generators.Messages.MessageGenerator(), Harness.Compile(JsonActionFixture.Source));
        string Source(string type) => result.GeneratedSources.Single(s => s.HintName.Contains(type, StringComparison.Ordinal)).SourceText.ToString();

        // Flat: the members sit beside "action", so the lookup knows it and skips it without the hook; the hook stays for the rest.
        var status = Source("Expert.Status");
        status.ShouldContain("""global::System.MemoryExtensions.SequenceEqual(__name, "action"u8) ? -2""");
        status.ShouldContain("case -2:");
        Occurrences(status, "global::Protocol.Infrastructure.UnknownMembers.Report(ref reader);").ShouldBe(1);

        // With a data property the envelope is not the reader's business: no special case, one hook per object reader.
        var profile = Source("Expert.Profile");
        profile.ShouldNotContain("case -2:");
        Occurrences(profile, "global::Protocol.Infrastructure.UnknownMembers.Report(ref reader);").ShouldBe(1);
        Occurrences(Source("Expert.Option"), "global::Protocol.Infrastructure.UnknownMembers.Report(ref reader);").ShouldBe(1);
        Source("Expert.Point").ShouldNotContain("UnknownMembers");

        // And the message still reads with the action beside its members.
        JsonActionFixture.Read("status", """{"action":"status","state":"ok","extra":1}"""u8.ToArray()).ShouldBe("""{"state":"ok","code":0}""");
    }

    [Fact]
    public void A_message_says_whether_reading_it_can_report_an_unknown_field_so_the_runtime_scopes_only_those_reads()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Text.Json;
            using Protocol;

            namespace Flags;

            [WireType(Layout = WireLayout.Array)]
            public sealed partial class Tick { [WireIndex(0)] public string Symbol { get; set; } = ""; [WireIndex(1)] public double Price { get; set; } }

            [WireType]
            public sealed partial class Deal { public long Id { get; set; } }

            [WireType(Layout = WireLayout.Array)]
            public sealed partial class Row { [WireIndex(0)] public Deal? Deal { get; set; } }

            [WireType]
            public sealed partial class Open { public long Id { get; set; } [WireExtensionData] public Dictionary<string, JsonElement>? Rest { get; set; } }

            [ProtocolMessage("ticks", Layout = WireLayout.Value)]
            public sealed partial class Ticks { public List<Tick> Items { get; set; } = []; }

            [ProtocolMessage("kept", Layout = WireLayout.Value)]
            public sealed partial class Kept { public Open? Value { get; set; } }

            [ProtocolMessage("rows", Layout = WireLayout.Value)]
            public sealed partial class Rows { public Row[] Items { get; set; } = []; }

            [ProtocolMessage("deal")]
            public sealed partial class DealMessage { public long Id { get; set; } }

            [ProtocolMessage("any", Layout = WireLayout.Value)]
            public sealed partial class Any { public JsonElement Value { get; set; } }
            """;
        var (_, _, result) = Harness.Run(new Protocol.Generators.Messages.MessageGenerator(), Harness.Compile(source));
        string Flag(string type) => result.GeneratedSources.Single(s => s.HintName == $"Flags.{type}.Message.g.cs").SourceText.ToString() switch
        {
            var text when text.Contains("static bool ReportsUnknownMembers => false;", StringComparison.Ordinal) => "cannot",
            var text when text.Contains("static bool ReportsUnknownMembers => true;", StringComparison.Ordinal) => "can",
            _ => "missing",
        };

        // Rows and numbers only, an object that keeps its unknown properties, or any JSON kept as read: nothing to report.
        Flag("Ticks").ShouldBe("cannot");
        Flag("Kept").ShouldBe("cannot");
        Flag("Any").ShouldBe("cannot");

        // An object read anywhere, however deep (an object inside a row inside an array), can report.
        Flag("Rows").ShouldBe("can");
        Flag("DealMessage").ShouldBe("can");
    }

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
