namespace Protocol;

/// <summary>A module command whose caller awaits a <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">What the module answers with.</typeparam>
/// <example><code>public sealed class GetBalance : Command&lt;decimal&gt; { }</code></example>
public abstract class Command<TResult> : ModuleCommand
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the module answers or the command fails.</summary>
    public Task<TResult> Completion => _completion.Task;

    /// <inheritdoc />
    public override bool IsCompleted => _completion.Task.IsCompleted;

    /// <summary>Answers the command.</summary>
    /// <param name="result">The answer.</param>
    /// <returns><see langword="false"/> if it had already completed (timed out, failed on disconnect).</returns>
    public bool TryComplete(TResult result)
    {
        if (!_completion.TrySetResult(result))
        {
            return false;
        }

        Untrack();
        return true;
    }

    /// <inheritdoc />
    public override bool TryFail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!_completion.TrySetException(error))
        {
            return false;
        }

        Untrack();
        return true;
    }
}
