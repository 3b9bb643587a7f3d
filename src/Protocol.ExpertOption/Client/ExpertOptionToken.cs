namespace Protocol.ExpertOption;

/// <summary>Checks a session token's form (32 hex characters, fact sheet §1.3 [M]) without ever echoing it.</summary>
internal static class ExpertOptionToken
{
    public static string Validate(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigit))
        {
            // The value is not repeated: a pasted token is a secret even when it is malformed.
            throw new ArgumentException(
                $"An ExpertOption token is 32 hexadecimal characters; the one given has {token.Length} characters{(token.All(char.IsAsciiHexDigit) ? "" : " and some are not hexadecimal")}. " +
                "Copy the value of the 'token' cookie of a logged-in app.expertoption.com session.",
                nameof(token));
        }

        return token.ToLowerInvariant();
    }
}
