namespace Protocol.Testing.Scripts;

/// <summary>A scripted exchange did not go as written.</summary>
public sealed class ScriptMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="step">The step that failed.</param>
    /// <param name="actual">What happened instead.</param>
    /// <param name="innerException">The underlying error (e.g. a timeout).</param>
    public ScriptMismatchException(ScriptStep step, string actual, Exception? innerException = null)
        : base($"Script line {step.Line} ({step.Direction}): expected {step.Text} but got {actual}.", innerException)
        => Step = step;

    /// <summary>The step that failed.</summary>
    public ScriptStep Step { get; }
}
