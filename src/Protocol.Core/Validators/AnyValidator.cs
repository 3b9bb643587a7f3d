
namespace Protocol;

internal sealed class AnyValidator(Validator[] validators) : Validator
{
    public override bool IsMatch(MessageView message)
    {
        foreach (var validator in validators)
        {
            if (validator.IsMatch(message))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => $"Any({string.Join<Validator>(", ", validators)})";
}
