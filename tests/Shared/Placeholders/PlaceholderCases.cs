namespace Protocol.Tests.Placeholders;

// The placeholder rule as socket.io-parser 4.2.7's reconstructPacket reads it (checked with node): an object whose
// _placeholder is true is a placeholder whatever else it holds, and the last of a repeated key wins. One table for every
// side that reads one (a whole argument, a nested member, the server), so the sides cannot drift apart.
internal static class PlaceholderCases
{
    // (the object, whether it is a placeholder of attachment 0)
    public static TheoryData<string, bool> PeerChecked { get; } = new()
    {
        { """{"_placeholder":true,"num":0,"x":1}""", true },
        { """{"meta":{"a":[1,{"b":2}]},"num":0,"_placeholder":true}""", true },
        { """{"\u005fplaceholder":true,"num":0}""", true },
        { """{"_placeholder":false,"num":0,"_placeholder":true}""", true },
        { """{"_placeholder":true,"num":5,"num":0}""", true },
        { """{"_placeholder":true,"num":0,"_placeholder":false}""", false },
        { """{"_placeholder":"true","num":0}""", false },
    };
}
