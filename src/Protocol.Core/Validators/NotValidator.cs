
namespace Protocol;

internal sealed class NotValidator(Validator inner) : Validator
{
    public override bool IsMatch(MessageView message) => !inner.IsMatch(message);

    public override string ToString() => $"Not({inner})";
}
