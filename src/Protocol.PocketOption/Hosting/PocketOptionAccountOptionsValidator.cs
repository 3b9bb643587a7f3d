using Microsoft.Extensions.Options;

namespace Protocol.PocketOption.Hosting;

// Validates each named account's options (run at host start by ValidateOnStart).
internal sealed class PocketOptionAccountOptionsValidator : IValidateOptions<PocketOptionAccountOptions>
{
    public ValidateOptionsResult Validate(string? name, PocketOptionAccountOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => $"PocketOption account '{name}': {e}"));
    }
}
