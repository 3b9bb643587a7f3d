using Protocol.Messaging;
using Protocol.Routing;

namespace Protocol.Validators;

internal sealed class CustomValidator(MessageRule predicate, string description) : Validator
{
    public override bool IsMatch(MessageView message) => predicate(message);

    public override string ToString() => description;
}
