namespace Protocol.PocketOption.Tests.Session;

/// <summary>SSIDs in every accepted form, built from distinctive secrets so a test can search any printed text for them.</summary>
internal static class SsidSamples
{
    public const string DemoToken = "SECRETdemoTokenQ7x9Zk2";
    public const long Uid = 87654321;
    public const string SessionId = "sessid00secretsecretsecret000042";
    public const string Ip = "203.0.113.77";
    public const string UserAgent = "Mozilla/5.0 (SecretAgent X11) Gecko/20100101";
    public const string Hash = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    /// <summary>Every secret a real or demo SSID here carries, as it could be printed.</summary>
    public static readonly string[] Secrets = [DemoToken, "87654321", SessionId, Ip, UserAgent, Hash, "SecretAgent", "secretsecret"];

    public static string DemoObject => $$"""{"session":"{{DemoToken}}","isDemo":1,"uid":{{Uid}},"platform":2,"isFastHistory":true,"isOptimized":true}""";

    public static string DemoFrame => $"42[\"auth\",{DemoObject}]";

    public static string PhpSession(bool withHash)
        => $"a:4:{{s:10:\"session_id\";s:{SessionId.Length}:\"{SessionId}\";s:10:\"ip_address\";s:{Ip.Length}:\"{Ip}\";" +
           $"s:10:\"user_agent\";s:{UserAgent.Length}:\"{UserAgent}\";s:13:\"last_activity\";i:1764600000;}}" + (withHash ? Hash : "");

    /// <summary>The session as a JSON string literal's content (quotes escaped), as the browser's frame carries it.</summary>
    public static string Escaped(string session) => session.Replace("\"", "\\\"", StringComparison.Ordinal);

    public static string RealObject(bool withHash, string session = "")
        => $$"""{"session":"{{Escaped(session.Length > 0 ? session : PhpSession(withHash))}}","isDemo":0,"uid":{{Uid}},"platform":2}""";

    public static string RealFrame(bool withHash) => $"42[\"auth\",{RealObject(withHash)}]";
}
