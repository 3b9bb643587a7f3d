
namespace Protocol;

internal sealed class CustomValidator(Func<MessageView, bool> predicate, string description) : Validator
{
    public override bool IsMatch(MessageView message) => predicate(message);

    public override string ToString() => description;
}
