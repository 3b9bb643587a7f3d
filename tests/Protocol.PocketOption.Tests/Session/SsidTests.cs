using Protocol.PocketOption.Session;
using static Protocol.PocketOption.Tests.Session.SsidSamples;

namespace Protocol.PocketOption.Tests.Session;

public sealed class SsidTests
{
    [Fact]
    public void The_full_demo_frame_is_parsed_and_sent_back_verbatim()
    {
        var ssid = Ssid.Parse(DemoFrame);

        ssid.IsDemo.ShouldBeTrue();
        ssid.Platform.ShouldBe(2);
        ssid.Uid.ShouldBe(Uid);
        ssid.Session.ShouldBe(DemoToken);
        ssid.Real.ShouldBeNull();
        ssid.AuthFrame.ShouldBe(DemoFrame);
    }

    [Fact]
    public void Surrounding_whitespace_and_spaces_inside_the_frame_are_accepted()
    {
        var ssid = Ssid.Parse($"  \n42[ \"auth\" , {DemoObject} ]\t ");

        ssid.AuthFrame.ShouldBe(DemoFrame);
    }

    [Fact]
    public void The_bare_object_becomes_the_auth_frame()
    {
        var ssid = Ssid.Parse(DemoObject);

        ssid.IsDemo.ShouldBeTrue();
        ssid.AuthFrame.ShouldBe(DemoFrame);
    }

    [Fact]
    public void Extra_keys_are_kept_in_the_auth_frame_in_their_order()
    {
        var text = $$$"""{"session":"{{{DemoToken}}}","isDemo":1,"uid":{{{Uid}}},"platform":2,"currentUrl":"cabinet/demo-quick-high-low","x":{"y":[1,2]}}""";

        Ssid.Parse(text).AuthFrame.ShouldBe($"42[\"auth\",{text}]");
    }

    [Fact]
    public void The_sessionToken_alias_is_read_as_the_session_and_sent_as_session()
    {
        var ssid = Ssid.Parse($$"""42["auth",{"sessionToken":"{{DemoToken}}","isDemo":1,"uid":{{Uid}},"platform":2,"extra":"kept"}]""");

        ssid.Session.ShouldBe(DemoToken);
        ssid.AuthFrame.ShouldBe($$"""42["auth",{"session":"{{DemoToken}}","isDemo":1,"uid":{{Uid}},"platform":2,"extra":"kept"}]""");
    }

    [Theory]
    [InlineData("{session:\"SECRETdemoTokenQ7x9Zk2\",isDemo:1,uid:87654321,platform:2,isFastHistory:true}")]
    [InlineData("{session:SECRETdemoTokenQ7x9Zk2, isDemo:1, uid:87654321, platform:2, isFastHistory:true}")]
    [InlineData("42['auth',{'session':'SECRETdemoTokenQ7x9Zk2','isDemo':1,'uid':87654321,'platform':2,'isFastHistory':true}]")]
    [InlineData("42[auth,{session:SECRETdemoTokenQ7x9Zk2,isDemo:1,uid:87654321,platform:2,isFastHistory:true}]")]
    public void Unquoted_keys_and_values_and_single_quotes_are_recovered_into_a_canonical_frame(string text)
    {
        var ssid = Ssid.Parse(text);

        ssid.Session.ShouldBe(DemoToken);
        ssid.Uid.ShouldBe(Uid);
        ssid.IsDemo.ShouldBeTrue();
        ssid.AuthFrame.ShouldBe($$"""42["auth",{"session":"{{DemoToken}}","isDemo":1,"uid":{{Uid}},"platform":2,"isFastHistory":true}]""");
    }

    [Fact]
    public void A_recovered_bare_url_value_is_quoted()
    {
        var ssid = Ssid.Parse($"{{session:{DemoToken},isDemo:0,uid:{Uid},currentUrl:cabinet/demo-quick-high-low}}");

        ssid.CurrentUrl.ShouldBe("cabinet/demo-quick-high-low");
        ssid.IsDemo.ShouldBeTrue(); // currentUrl mentions demo
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_real_ssid_exposes_the_session_data_with_or_without_its_hash(bool withHash)
    {
        var ssid = Ssid.Parse(RealFrame(withHash));

        ssid.IsDemo.ShouldBeFalse();
        ssid.Real.ShouldNotBeNull();
        ssid.Real.SessionId.ShouldBe(SessionId);
        ssid.IpAddress.ShouldBe(Ip);
        ssid.UserAgent.ShouldBe(UserAgent);
        ssid.Real.LastActivity.ShouldBe(1764600000);
        ssid.Real.HasHash.ShouldBe(withHash);
        ssid.Session.ShouldBe(PhpSession(withHash));
        ssid.AuthFrame.ShouldBe(RealFrame(withHash));
    }

    [Fact]
    public void Php_string_lengths_count_utf8_bytes()
    {
        const string agent = "Agent é ü"; // 9 chars, 11 bytes
        var session = $"a:3:{{s:10:\"session_id\";s:2:\"ab\";s:10:\"ip_address\";s:3:\"1.2\";s:10:\"user_agent\";s:11:\"{agent}\";}}";

        Ssid.Parse(RealObject(false, session)).UserAgent.ShouldBe(agent);
    }

    [Fact]
    public void Without_isDemo_a_currentUrl_mentioning_demo_makes_it_a_demo_ssid()
    {
        var ssid = Ssid.Parse($$"""{"session":"{{DemoToken}}","uid":{{Uid}},"currentUrl":"cabinet/demo-quick-high-low"}""");

        ssid.IsDemo.ShouldBeTrue();
        ssid.Platform.ShouldBe(0);
    }

    [Theory]
    [InlineData("\"87654321\"")]
    [InlineData("87654321")]
    public void The_uid_may_be_a_number_or_a_string_of_digits(string uid)
        => Ssid.Parse($$"""{"session":"{{DemoToken}}","isDemo":1,"uid":{{uid}}}""").Uid.ShouldBe(Uid);

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"1\"", true)]
    public void IsDemo_may_be_a_boolean_or_a_digit_string(string isDemo, bool expected)
    {
        var session = expected ? DemoToken : Escaped(PhpSession(true));
        Ssid.Parse($$"""{"session":"{{session}}","isDemo":{{isDemo}},"uid":1}""").IsDemo.ShouldBe(expected);
    }

    public static TheoryData<string, string?, string> Invalid => new()
    {
        { "", null, "empty" },
        { "   ", null, "empty" },
        { $"\"{DemoFrame.Replace("\"", "\\\"", StringComparison.Ordinal)}\"", null, "double-encoded" },
        { $"'{DemoFrame}'", null, "double-encoded" },
        { $"42[\"auth\",\"{Escaped(DemoObject)}\"]", "payload", "double-encoded" },
        { $"42[\\\"auth\\\",{Escaped(DemoObject)}]", null, "double-encoded" },
        { $"42[\"auth\",{DemoObject}", null, "does not end with ]" },
        { $"42[\"login\",{DemoObject}]", null, "not the \"auth\" one" },
        { "42[\"auth\"]", null, "no payload" },
        { "42[]", null, "empty Socket.IO message" },
        { "[ ]", null, "empty Socket.IO message" },
        { "42[\"", null, "does not end with ]" },
        { "42[\"]", null, "not the \"auth\" one" },
        { "42[\"auth", null, "does not end with ]" },
        { "42[auth]", null, "no payload" },
        { "42[\"auth\",[1,2]]", "payload", "not a {…} object" },
        { "hello", null, "neither" },
        { $$"""{"session":"{{DemoToken}}","isDemo":1,"uid":{{Uid}}""", null, "not valid JSON" },
        { $$"""{"isDemo":1,"uid":{{Uid}}}""", "session", "no \"session\"" },
        { $$"""{"session":"","isDemo":1,"uid":{{Uid}}}""", "session", "non-empty string" },
        { $$"""{"session":42,"isDemo":1,"uid":{{Uid}}}""", "session", "non-empty string" },
        { $$"""{"session":"{{DemoToken}}","sessionToken":"{{DemoToken}}","isDemo":1,"uid":{{Uid}}}""", "session", "both" },
        { $$"""{"session":"{{DemoToken}}","isDemo":1}""", "uid", "no \"uid\"" },
        { $$"""{"session":"{{DemoToken}}","isDemo":1,"uid":"{{Uid}}x"}""", "uid", "whole number" },
        { $$"""{"session":"{{DemoToken}}","isDemo":1,"uid":-{{Uid}}}""", "uid", "whole number" },
        { $$"""{"session":"{{DemoToken}}","isDemo":1,"uid":{{Uid}}.5}""", "uid", "whole number" },
        { $$"""{"session":"{{DemoToken}}","isDemo":2,"uid":{{Uid}}}""", "isDemo", "neither 0 nor 1" },
        { $$"""{"session":"{{DemoToken}}","isDemo":1,"uid":{{Uid}},"platform":"web"}""", "platform", "whole number" },
        { $$"""{"session":"{{DemoToken}}","isDemo":1,"uid":{{Uid}},"currentUrl":5}""", "currentUrl", "not a string" },
        { $$"""{"session":"{{DemoToken}}","isDemo":1,"uid":{{Uid}},"uid":{{Uid}}}""", "uid", "twice" },
        { $$"""{"session":"x","isDemo":1,"uid":1,"{{DemoToken}}":1,"{{DemoToken}}":2}""", null, "a field this library does not read" },
        // Issue #91: a sessionToken from a real account is not the PHP session.
        { $$"""{"sessionToken":"{{DemoToken}}","isDemo":0,"uid":{{Uid}},"platform":2}""", "session", "PHP-serialized session" },
        { RealObject(false, PhpSession(true)[..60]), "session", "malformed" },
        { RealObject(false, PhpSession(false) + "trailing"), "session", "8 bytes after" },
        { RealObject(false, PhpSession(false) + Hash[..31] + "g"), "session", "32 bytes after" },
        { RealObject(false, $"a:1:{{s:10:\"session_id\";s:{SessionId.Length}:\"{SessionId}\";}}"), "session", "\"ip_address\"" },
        { RealObject(false, $"a:2:{{s:10:\"session_id\";s:2:\"ab\";s:10:\"ip_address\";s:{Ip.Length}:\"{Ip}\";}}"), "session", "\"user_agent\"" },
        { RealObject(false, $"a:1:{{s:10:\"session_id\";s:99:\"{SessionId}\";}}"), "session", "malformed" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_ssids_are_refused_naming_the_field_and_saying_how_to_copy_one(string text, string? field, string problem)
    {
        var ex = Should.Throw<SsidFormatException>(() => Ssid.Parse(text));

        ex.Field.ShouldBe(field);
        ex.Message.ShouldContain(problem);
        ex.Message.ShouldContain("Copy the SSID again");
        ex.InnerException.ShouldBeNull();
        AssertNoSecrets(ex.ToString());
        Ssid.TryParse(text, out var ssid, out var error).ShouldBeFalse();
        ssid.ShouldBeNull();
        error!.Message.ShouldBe(ex.Message);
    }

    [Fact]
    public void Null_is_refused_as_empty()
        => Should.Throw<SsidFormatException>(() => Ssid.Parse(null)).Message.ShouldContain("empty");

    public static TheoryData<string> Valid => new()
    {
        DemoFrame,
        DemoObject,
        RealFrame(true),
        RealFrame(false),
        RealObject(true),
        $"{{session:{DemoToken},isDemo:1,uid:{Uid}}}",
        $$"""{"sessionToken":"{{DemoToken}}","isDemo":1,"uid":"{{Uid}}"}""",
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void ToString_shows_the_account_type_and_platform_but_no_secret(string text)
    {
        var ssid = Ssid.Parse(text);

        var printed = ssid.ToString();
        printed.ShouldBe($"PocketOption SSID ({(ssid.IsDemo ? "demo" : "real")} account, platform {ssid.Platform})");
        AssertNoSecrets(printed);
        AssertNoSecrets(ssid.Real?.ToString() ?? "");
        Ssid.TryParse(text, out var parsed, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        parsed.AuthFrame.ShouldBe(ssid.AuthFrame);
    }

    private static void AssertNoSecrets(string printed)
    {
        foreach (var secret in Secrets)
        {
            printed.ShouldNotContain(secret, Case.Insensitive);
        }
    }
}
