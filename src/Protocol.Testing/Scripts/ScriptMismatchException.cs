namespace Protocol.Testing.Scripts;

/// <summary>A scripted exchange did not go as written: the message names the line, what it expected and what happened.</summary>
public sealed class ScriptMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="step">The step that failed.</param>
    /// <param name="problem">What happened instead, or why the step could not run.</param>
    /// <param name="innerException">The underlying error (a timeout, a decoding error).</param>
    public ScriptMismatchException(ScriptStep step, string problem, Exception? innerException = null)
        : base($"Script line {step.Line} ({Describe(step)}): {problem}", innerException)
        => Step = step;

    /// <summary>The step that failed.</summary>
    public ScriptStep Step { get; }

    private static string Describe(ScriptStep step) => step.Direction switch
    {
        ScriptDirection.Outgoing => $"the client must send {step.Text}",
        ScriptDirection.Incoming => $"the server sends {step.Text}",
        _ => $"the next update must be {step.Text}",
    };
}
