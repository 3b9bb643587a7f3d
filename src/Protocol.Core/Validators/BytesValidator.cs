
namespace Protocol;

// starts-with / ends-with / contains on the UTF-8 frame text: ordinal byte comparison, no decoding, no allocation.
internal sealed class BytesValidator(byte[] needle, BytesValidator.Mode mode, string text) : Validator
{
    public enum Mode
    {
        StartsWith,
        EndsWith,
        Contains,
    }

    public override bool IsMatch(MessageView message) => mode switch
    {
        Mode.StartsWith => message.Raw.StartsWith(needle),
        Mode.EndsWith => message.Raw.EndsWith(needle),
        _ => message.Raw.IndexOf(needle) >= 0,
    };

    public override string ToString() => $"{mode}(\"{text}\")";
}
