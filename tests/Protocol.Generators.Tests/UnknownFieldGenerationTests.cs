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

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
