namespace Protocol.Infrastructure;

/// <summary>
/// The common shape of a number on a trading wire, a price or a time: <c>-?digits(.digits)?</c>, at most 19 digits, no
/// exponent, parsed straight from a number token's bytes (or a numeric string's: PocketOption sends <c>"1.08350"</c>) into a
/// <see cref="decimal"/> or <see cref="double"/>.
/// </summary>
/// <remarks>
/// Why our own code and not <see cref="System.Text.Json.Utf8JsonReader.TryGetDecimal"/>/<c>TryGetDouble</c> alone: those go
/// through the general number buffer (every digit copied, then converted), which was more than a quarter of a tick's typed
/// read (two numbers per tick); a numeric string went through <see cref="System.Buffers.Text.Utf8Parser"/> behind a copy
/// buffer. This path accumulates the digits in one <see cref="ulong"/> and builds the value directly
/// (<c>NumberReadBenchmarks</c>: 0.72x the reader's own read of a number, 0.67x the previous read of a string). Whatever it
/// does not take (an exponent, a sign other than minus, more digits, a double that would need rounding) returns false and
/// the caller takes the previous path, so the result is always exactly what that path gives (the tests compare bits, scale
/// and sign of zero).
/// </remarks>
internal static class PlainNumber
{
    // 10^0 .. 10^22: exactly representable as doubles, so a mantissa up to 2^53 divided by one of them is correctly rounded
    // (Clinger's fast path, the first case of every exact decimal-to-binary converter).
    private static ReadOnlySpan<double> ExactPowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private const int MaxDigits = 19; // 10^19 - 1 < 2^64
    private const ulong MaxExactMantissa = 1UL << 53;

    /// <summary>Parses a plain number; false for any other form (the caller falls back to its previous path).</summary>
    /// <param name="number">A number token's bytes, or a numeric string's (anything else is refused).</param>
    /// <param name="value">The value, with the scale the text has (<c>1.50</c> keeps two decimals, as the reader does).</param>
    /// <returns>Whether the number had the plain form.</returns>
    public static bool TryParseDecimal(ReadOnlySpan<byte> number, out decimal value)
    {
        if (!TryParse(number, out var mantissa, out var scale, out var negative))
        {
            value = default;
            return false;
        }

        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    /// <summary>Parses a plain number whose binary value needs no rounding beyond one division; false otherwise.</summary>
    /// <param name="number">A number token's bytes, or a numeric string's (anything else is refused).</param>
    /// <param name="value">The value, bit for bit what the reader's <c>TryGetDouble</c> (or <c>Utf8Parser</c>, for a string) gives.</param>
    /// <returns>Whether the fast path applied.</returns>
    public static bool TryParseDouble(ReadOnlySpan<byte> number, out double value)
    {
        if (!TryParse(number, out var mantissa, out var scale, out var negative)
            || mantissa > MaxExactMantissa
            || scale >= ExactPowersOfTen.Length)
        {
            value = default;
            return false;
        }

        var magnitude = (double)mantissa / ExactPowersOfTen[scale];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool TryParse(ReadOnlySpan<byte> number, out ulong mantissa, out int scale, out bool negative)
    {
        mantissa = 0;
        scale = 0;
        negative = false;
        var i = 0;
        if (!number.IsEmpty && number[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        var digits = 0;
        var point = -1;
        for (; i < number.Length; i++)
        {
            var digit = (uint)(number[i] - '0');
            if (digit <= 9)
            {
                if (++digits > MaxDigits)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + digit;
            }
            else if (number[i] == (byte)'.' && point < 0)
            {
                point = digits;
            }
            else
            {
                // An exponent, a plus sign, a second point, a blank: not the plain form.
                return false;
            }
        }

        if (digits == 0 || point == digits)
        {
            return false;
        }

        scale = point < 0 ? 0 : digits - point;
        return true;
    }
}
