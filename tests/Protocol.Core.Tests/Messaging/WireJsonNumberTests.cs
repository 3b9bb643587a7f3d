using System.Text;
using System.Text.Json;
using CsCheck;
using Protocol.Infrastructure;
using Protocol.Tests.Properties;

namespace Protocol.Core.Tests.Messaging;

/// <summary>
/// The generated readers' number reads parse the plain form (<c>-?digits(.digits)?</c>) themselves and leave every other form
/// to <see cref="Utf8JsonReader"/>; either way a user gets exactly the value the reader gives: the same bits, the same decimal
/// scale (<c>1.50</c> stays two decimals) and the same sign of zero.
/// </summary>
public sealed class WireJsonNumberTests
{
    [Theory]
    [InlineData("1.08123")]
    [InlineData("1735689600.123")]
    [InlineData("1.50")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("0.00000000000000000000000000001")] // 29 decimals: past decimal's scale, the reader rounds
    [InlineData("9999999999999999999")]             // 19 digits, the most the plain path takes
    [InlineData("18446744073709551616")]            // 2^64: 20 digits, left to the reader
    [InlineData("9007199254740993")]                // 2^53 + 1: a double needs rounding, left to the reader
    [InlineData("0.1234567890123456789")]           // 19 digits, scale 19
    [InlineData("1.0000000000000000000000001")]     // scale 25: past the exact powers of ten
    [InlineData("1e5")]
    [InlineData("-2.5E-3")]
    [InlineData("79228162514436794837")]
    public void A_number_reads_as_the_reader_reads_it(string json)
    {
        AssertSameAsReader(json);
    }

    [Fact]
    public void Any_json_number_reads_as_the_reader_reads_it()
    {
        var digits = Gen.Char['0', '9'].Array[1, 24].Select(static d => new string(d));
        var number = Gen.Select(Gen.Bool, digits, Gen.Int[0, 2], digits, Gen.Int[-30, 30]).Select(static t =>
        {
            var (negative, whole, shape, fraction, exponent) = t;
            var integer = whole.TrimStart('0');
            var text = new StringBuilder(negative ? "-" : "").Append(integer.Length == 0 ? "0" : integer);
            if (shape >= 1)
            {
                text.Append('.').Append(fraction);
            }

            if (shape == 2)
            {
                text.Append('e').Append(exponent);
            }

            return text.ToString();
        });

        Property.ForAll(number, "0000003f1d2a", 20_000, AssertSameAsReader, static s => s);
    }

    [Theory]
    [InlineData("\"1.50\"")]
    [InlineData("\"-0.25\"")]
    public void A_numeric_string_still_reads(string json)
    {
        var reader = Start(json);
        WireJson.TryReadDecimal(ref reader, out var value).ShouldBeTrue();
        value.ShouldBe(decimal.Parse(json.Trim('"'), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Any_numeric_string_reads_as_it_did_through_Utf8Parser()
    {
        // PocketOption sends prices and profits as strings ("1.08350"): the string form takes the same plain path, and its
        // value must stay what Utf8Parser gave, leading zeros and the sign of zero included.
        var digits = Gen.Char['0', '9'].Array[1, 24].Select(static d => new string(d));
        var text = Gen.Select(Gen.Int[0, 2], digits, Gen.Int[0, 3], digits).Select(static t =>
        {
            var (sign, whole, shape, fraction) = t;
            var prefix = sign switch { 1 => "-", 2 => "+", _ => "" };
            return shape switch
            {
                0 => prefix + whole,
                1 => prefix + whole + "." + fraction,
                2 => prefix + whole + "e" + fraction[..Math.Min(2, fraction.Length)],
                _ => prefix + "." + fraction,
            };
        });

        Property.ForAll(text, "00000a5c11d7", 20_000, AssertStringSameAsParser, static s => s);
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("-0.00")]
    [InlineData("007.50")]
    [InlineData("1.50")]
    [InlineData(" 1.5")]
    [InlineData("1.5 ")]
    [InlineData("")]
    [InlineData("1.")]
    [InlineData(".5")]
    public void A_numeric_string_reads_as_it_did_through_Utf8Parser(string text)
    {
        AssertStringSameAsParser(text);
    }

    private static void AssertStringSameAsParser(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var hasDecimal = System.Buffers.Text.Utf8Parser.TryParse(bytes, out decimal expectedDecimal, out var consumed) && consumed == bytes.Length && bytes.Length > 0;
        var hasDouble = System.Buffers.Text.Utf8Parser.TryParse(bytes, out double expectedDouble, out consumed) && consumed == bytes.Length && bytes.Length > 0 && double.IsFinite(expectedDouble);
        AssertReads("\"" + text + "\"", (hasDecimal, expectedDecimal), hasDecimal, (hasDouble, expectedDouble));
    }

    private static void AssertSameAsReader(string json)
    {
        var expected = Start(json);
        var hasDecimal = expected.TryGetDecimal(out var expectedDecimal);
        var hasDouble = expected.TryGetDouble(out var expectedDouble) && double.IsFinite(expectedDouble);
        AssertReads(json, (hasDecimal, expectedDecimal), hasDecimal || IsExponentDecimal(json), (hasDouble, expectedDouble));
    }

    // The helpers' reads of one token against the expected verdicts and values, compared bit for bit.
    private static void AssertReads(string json, (bool Has, decimal Value) expectedDecimal, bool decimalAccepted, (bool Has, double Value) expectedDouble)
    {
        var reader = Start(json);
        WireJson.TryReadDecimal(ref reader, out var actualDecimal).ShouldBe(decimalAccepted, json);
        if (expectedDecimal.Has)
        {
            decimal.GetBits(actualDecimal).ShouldBe(decimal.GetBits(expectedDecimal.Value), $"{json}: {actualDecimal} vs {expectedDecimal.Value}");
        }

        reader = Start(json);
        WireJson.TryReadDouble(ref reader, out var actualDouble).ShouldBe(expectedDouble.Has, json);
        if (expectedDouble.Has)
        {
            BitConverter.DoubleToInt64Bits(actualDouble).ShouldBe(BitConverter.DoubleToInt64Bits(expectedDouble.Value), $"{json}: {actualDouble:R} vs {expectedDouble.Value:R}");
        }
    }

    // TryReadDecimal takes exponent forms the reader's TryGetDecimal refuses (as before the plain path): only the result's
    // presence differs there, and those forms never reach the plain path.
    private static bool IsExponentDecimal(string json)
        => json.Contains('e', StringComparison.OrdinalIgnoreCase) && decimal.TryParse(json, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static Utf8JsonReader Start(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read().ShouldBeTrue();
        return reader;
    }
}
