using Microsoft.Extensions.Options;

namespace Protocol.Hosting;

// Validates each named account's options (run at host start by ValidateOnStart); one per options type.
internal sealed class AccountOptionsValidator<TOptions>(string platform, Func<TOptions, IReadOnlyList<string>> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = validate(options);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => $"{platform} account '{name}': {e}"));
    }
}
