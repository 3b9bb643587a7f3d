using System.Text;

namespace Protocol.Generators.Tests.Infrastructure;

// The generator-performance workload (200 messages with strings, numbers sent as strings, arrays and nullables), shared by the
// caching test here and GeneratorBenchmarks in Protocol.Benchmarks (which links this file).
internal static class ManyMessages
{
    public static string Source(string ns, int count = 200)
    {
        var sb = new StringBuilder("using Protocol;\nnamespace " + ns + ";\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append($$"""
                /// <summary>M{{i}}.</summary>
                [ProtocolMessage("event{{i}}")]
                public sealed partial class M{{i}}
                {
                    /// <summary>A.</summary>
                    public string Asset { get; set; } = "";
                    /// <summary>P.</summary>
                    public long Period { get; set; }
                    /// <summary>Amount.</summary>
                    [WireNumberAsString] public decimal Amount { get; set; }
                    /// <summary>Items.</summary>
                    public int[]? Items { get; set; }
                    /// <summary>Flag.</summary>
                    public bool? Flag { get; set; }
                }

                """);
        }

        return sb.ToString();
    }
}
