
namespace Protocol;

internal sealed class AllValidator(Validator[] validators) : Validator
{
    public override bool IsMatch(MessageView message)
    {
        foreach (var validator in validators)
        {
            if (!validator.IsMatch(message))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => $"All({string.Join<Validator>(", ", validators)})";
}
