using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Protocol;

// Decodes the frame into a pooled char buffer (no string) and runs the regex with its match timeout.
internal sealed class RegexValidator(Regex regex) : Validator
{
    public override bool IsMatch(MessageView message)
    {
        var raw = message.Raw;
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(raw.Length));
        try
        {
            var count = Encoding.UTF8.GetChars(raw, chars);
            return regex.IsMatch(chars.AsSpan(0, count));
        }
        catch (RegexMatchTimeoutException)
        {
            // A runaway pattern must not stall the receive path: treat as no match, and make it visible.
            ClientTelemetry.Current.Error("regex_timeout");
            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public override string ToString() => $"Regex(/{regex}/, timeout {regex.MatchTimeout})";
}
