using System.Text;
using CsCheck;

namespace Protocol.SocketIO.Tests.Properties;

/// <summary>
/// Generators of hostile frames: arbitrary bytes, bytes drawn from the wire's own alphabet, and mutations (flip,
/// replace, insert a token, delete, duplicate, truncate) of a corpus of valid frames such as the official vectors.
/// </summary>
internal static class ByteGen
{
    /// <summary>Fragments that steer mutations toward the parser's decisions.</summary>
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u0000", "\"_placeholder\":true", "\"num\":0", "\"num\":-1", "\"num\":1.5",
            "{\"_placeholder\":true,\"num\":0}", "99999999999999999999", "-", "/", ",", "[", "]", "{", "}", "\"", "\\", " ",
            "1-", "0", "null", "true", "\"connect\"", "\"sid\":", "\"\"", "/admin,", "4", "45", "451-", "[[[[[[[[",
        }.Select(Encoding.UTF8.GetBytes),
        [0xC3], [0xFF], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
    ];

    private static readonly Gen<byte> WireByte = Gen.Frequency(
        (4, Gen.OneOf("0123456789-/,[]{}\":_tnx\\ u".Select(c => (byte)c).ToArray())),
        (1, Gen.Byte));

    /// <summary>Any bytes, short.</summary>
    public static readonly Gen<byte[]> Arbitrary = Gen.Frequency(
        (1, Gen.Byte.Array[0, 48]),
        (2, WireByte.Array[0, 48]));

    private static readonly Gen<Mutation> OneMutation =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, int.MaxValue], Gen.Int[1, 8], Gen.Byte, Gen.Int[0, Tokens.Length - 1])
            .Select(t => new Mutation(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5));

    /// <summary>One to six mutations of one corpus entry.</summary>
    public static Gen<byte[]> Mutated(IReadOnlyList<byte[]> corpus) =>
        Gen.Select(Gen.Int[0, corpus.Count - 1], OneMutation.Array[1, 6])
            .Select(t => t.Item2.Aggregate(corpus[t.Item1], (bytes, mutation) => mutation.Apply(bytes)));

    /// <summary>A frame for a failure message, as a C# string literal would write it (other bytes as \xNN).</summary>
    public static string Print(byte[] bytes)
    {
        var sb = new StringBuilder("\"");
        foreach (var b in bytes)
        {
            sb.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:X2}",
            });
        }

        return sb.Append('"').ToString();
    }

    private readonly record struct Mutation(int Kind, int Position, int Length, byte Byte, int Token)
    {
        public byte[] Apply(byte[] input)
        {
            var bytes = new List<byte>(input);
            var at = Position % (bytes.Count + 1);
            var span = Math.Min(Length, bytes.Count - at);
            switch (Kind)
            {
                case 0 when at < bytes.Count:
                    bytes[at] ^= (byte)(1 << (Byte & 7));
                    break;
                case 1 when at < bytes.Count:
                    bytes[at] = Byte;
                    break;
                case 2:
                case 3:
                    bytes.InsertRange(at, Tokens[Token]);
                    break;
                case 4:
                    bytes.RemoveRange(at, span);
                    break;
                case 5:
                    bytes.InsertRange(at, bytes.GetRange(at, span));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }

            return [.. bytes];
        }
    }
}
