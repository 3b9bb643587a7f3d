using System.Text;
using System.Text.Json;

namespace Protocol.SocketIO.Tests.Support;

/// <summary>Compares JSON by value (JsonElement.DeepEquals), never by bytes: our writer and JSON.stringify escape differently.</summary>
internal static class JsonAssert
{
    public static void Equivalent(ReadOnlySpan<byte> actualUtf8, string expectedJson)
    {
        string actual = Encoding.UTF8.GetString(actualUtf8);
        using JsonDocument a = JsonDocument.Parse(actual);
        using JsonDocument e = JsonDocument.Parse(expectedJson);
        JsonElement.DeepEquals(a.RootElement, e.RootElement).ShouldBeTrue($"JSON differs.\nexpected: {expectedJson}\nactual:   {actual}");
    }

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static string Text(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
