namespace Protocol.Fuzzing;

/// <summary>
/// Thrown by a target when the code under test broke a promise without throwing (a wrong count, a view that disagrees
/// with itself, Try and throwing forms that disagree). It escapes like any other crash, so AFL records the input.
/// </summary>
public sealed class InvariantViolationException(string message) : Exception(message);

internal static class Invariant
{
    public static void That(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvariantViolationException(what);
        }
    }
}
