using System.Text;
using System.Text.RegularExpressions;

namespace Protocol;

/// <summary>
/// A predicate over a message's text for messages nobody declared (the raw module's escape hatch). Text validators
/// test <see cref="MessageView.Raw"/>, the frame text exactly as received (for a Socket.IO message with prefixes like
/// <c>42</c> or <c>451-</c>; for a reassembled two-step message, its header); <see cref="Custom"/> sees the whole view,
/// attachments included. Combine with <see cref="Not"/>, <see cref="All"/>, <see cref="Any"/> or <c>!</c>, <c>&amp;</c>, <c>|</c>.
/// </summary>
public abstract class Validator
{
    /// <summary>Matches everything.</summary>
    public static Validator Always { get; } = new CustomValidator(static _ => true, "always");

    /// <summary>Whether the message matches.</summary>
    /// <param name="message">The message.</param>
    public abstract bool IsMatch(MessageView message);

    /// <summary>Matches when the frame text starts with <paramref name="text"/> (ordinal).</summary>
    /// <param name="text">The prefix.</param>
    public static Validator StartsWith(string text) => new BytesValidator(Utf8(text), BytesValidator.Mode.StartsWith, text);

    /// <summary>Matches when the frame text ends with <paramref name="text"/> (ordinal).</summary>
    /// <param name="text">The suffix.</param>
    public static Validator EndsWith(string text) => new BytesValidator(Utf8(text), BytesValidator.Mode.EndsWith, text);

    /// <summary>Matches when the frame text contains <paramref name="text"/> (ordinal).</summary>
    /// <param name="text">The fragment.</param>
    public static Validator Contains(string text) => new BytesValidator(Utf8(text), BytesValidator.Mode.Contains, text);

    /// <summary>
    /// Matches when <paramref name="pattern"/> matches somewhere in the frame text. A match that overruns
    /// <paramref name="matchTimeout"/> counts as no match, so a pathological pattern cannot stall the receive path.
    /// </summary>
    /// <param name="pattern">A .NET regular expression.</param>
    /// <param name="matchTimeout">The limit per evaluation; 100 ms by default.</param>
    /// <param name="options">Regex options (Compiled is added unless NonBacktracking is given).</param>
    /// <exception cref="ArgumentException">The pattern is invalid.</exception>
    public static Validator Regex(string pattern, TimeSpan? matchTimeout = null, RegexOptions options = RegexOptions.None)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var timeout = matchTimeout ?? TimeSpan.FromMilliseconds(100);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(matchTimeout));
        return new RegexValidator(new Regex(pattern, options | RegexOptions.CultureInvariant, timeout));
    }

    /// <summary>Matches when <paramref name="inner"/> does not.</summary>
    /// <param name="inner">The validator to negate.</param>
    public static Validator Not(Validator inner) => new NotValidator(inner ?? throw new ArgumentNullException(nameof(inner)));

    /// <summary>Matches when every validator matches (true for none).</summary>
    /// <param name="validators">The validators.</param>
    public static Validator All(params Validator[] validators) => new AllValidator(Check(validators));

    /// <summary>Matches when at least one validator matches (false for none).</summary>
    /// <param name="validators">The validators.</param>
    public static Validator Any(params Validator[] validators) => new AnyValidator(Check(validators));

    /// <summary>Matches by a predicate over the whole view (kind, name, payload, attachments). Keep it cheap.</summary>
    /// <param name="predicate">The predicate.</param>
    /// <param name="description">A description for <see cref="object.ToString"/>.</param>
    public static Validator Custom(Func<MessageView, bool> predicate, string description = "custom")
        => new CustomValidator(predicate ?? throw new ArgumentNullException(nameof(predicate)), description);

    /// <summary>Negation.</summary>
    /// <param name="validator">The validator.</param>
    public static Validator operator !(Validator validator) => Not(validator);

    /// <summary>Conjunction.</summary>
    /// <param name="left">The first validator.</param>
    /// <param name="right">The second validator.</param>
    public static Validator operator &(Validator left, Validator right) => All(left, right);

    /// <summary>Disjunction.</summary>
    /// <param name="left">The first validator.</param>
    /// <param name="right">The second validator.</param>
    public static Validator operator |(Validator left, Validator right) => Any(left, right);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text)));

    private static Validator[] Check(Validator[] validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        foreach (var validator in validators)
        {
            ArgumentNullException.ThrowIfNull(validator, nameof(validators));
        }

        return [.. validators];
    }
}
