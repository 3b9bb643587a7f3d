using System.Text;
using CsCheck;

namespace Protocol.Generators.Tests.Infrastructure;

/// <summary>What one mutation does to a frame's bytes.</summary>
internal enum MutationKind
{
    FlipBit,
    SetByte,
    InsertByte,
    Delete,
    Truncate,
    InsertToken,
    ReplaceValue,
    Duplicate,
}

/// <summary>
/// One edit of a valid frame: positions are drawn as fractions of the current length so a plan applies to any frame. The tokens are the
/// inputs that broke readers before (issue #8) or plausibly could: lone and mismatched surrogate escapes, invalid UTF-8, huge and
/// out-of-range numbers, and values of the wrong JSON type.
/// </summary>
internal readonly record struct FrameMutation(MutationKind Kind, uint Position, int Length, byte Value, int Token)
{
    public static readonly byte[][] Tokens = [.. new[]
    {
        "\\ud800", "\\udfff", "\\ud83d", "\\ud83d\\u0041", "\\ude00\\ud83d", "\"\\ud83d\"", "\"\\udc00x\"", "\\u0000", "\\", "\\u12",
        "99999999999999999999999999999", "18446744073709551616", "-9223372036854775809", "4294967296", "256", "-1", "1e400", "-1e400",
        "1e-400", "0.1e99999", "79228162514264337593543950336", "\"79228162514264337593543950336\"", "\"1e400\"", "\"-\"", "\"\"", "1.5",
        "null", "true", "false", "[]", "{}", "[[[[[[[[", "{\"a\":", "\"x\"", "\"put\"", "\"call\"", "[1,2]", "{\"_placeholder\":true,\"num\":0}",
        "[", "]", "{", "}", "\"", ",", ":", "tru", "nul", "01", "-", "+1", ".5", "1.", "0x10", "NaN", "Infinity",
    }.Select(Encoding.UTF8.GetBytes), [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98], [0xE2, 0x82], [0x80], [0x00], [0x1F]];

    public static readonly Gen<FrameMutation> Gen =
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, 7], CsCheck.Gen.UInt, CsCheck.Gen.Int[1, 12], CsCheck.Gen.Byte, CsCheck.Gen.Int[0, Tokens.Length - 1],
            (kind, position, length, value, token) => new FrameMutation((MutationKind)kind, position, length, value, token));

    /// <summary>One to four mutations in a row.</summary>
    public static readonly Gen<FrameMutation[]> Plan = Gen.Array[1, 4];

    public static byte[] ApplyAll(byte[] frame, FrameMutation[] plan)
    {
        var bytes = new List<byte>(frame);
        foreach (var mutation in plan)
        {
            mutation.Apply(bytes);
        }

        return [.. bytes];
    }

    public override string ToString() => Kind switch
    {
        MutationKind.InsertToken or MutationKind.ReplaceValue => $"{Kind}@{Position % 1000}‰ '{Encoding.UTF8.GetString(Tokens[Token])}'",
        _ => $"{Kind}@{Position % 1000}‰ len {Length} byte 0x{Value:X2}",
    };

    private void Apply(List<byte> bytes)
    {
        var at = bytes.Count == 0 ? 0 : (int)(Position % 1000 * (ulong)bytes.Count / 1000);
        switch (Kind)
        {
            case MutationKind.FlipBit when bytes.Count != 0:
                bytes[at] ^= (byte)(1 << (Value & 7));
                break;
            case MutationKind.SetByte when bytes.Count != 0:
                bytes[at] = Value;
                break;
            case MutationKind.InsertByte:
                bytes.Insert(at, Value);
                break;
            case MutationKind.Delete:
                bytes.RemoveRange(at, Math.Min(Length, bytes.Count - at));
                break;
            case MutationKind.Truncate:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case MutationKind.InsertToken:
                bytes.InsertRange(at, Tokens[Token]);
                break;
            case MutationKind.ReplaceValue:
                ReplaceValue(bytes, at);
                break;
            case MutationKind.Duplicate:
                var length = Math.Min(Length, bytes.Count - at);
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
        }
    }

    // Wrong token types and huge numbers in otherwise well-formed JSON: swap the value after the first ':' / ',' / '[' at or after the
    // position (up to the next ',' '}' or ']') for a token, so the structure mostly survives and the member reader sees the odd value.
    private void ReplaceValue(List<byte> bytes, int at)
    {
        var start = bytes.FindIndex(at, b => b is (byte)':' or (byte)',' or (byte)'[');
        if (start < 0)
        {
            return;
        }

        start++;
        var end = bytes.FindIndex(start, b => b is (byte)',' or (byte)'}' or (byte)']');
        if (end < 0)
        {
            end = bytes.Count;
        }

        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Tokens[Token]);
    }
}
