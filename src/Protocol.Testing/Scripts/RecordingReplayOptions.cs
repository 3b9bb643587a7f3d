namespace Protocol.Testing.Scripts;

/// <summary>How <see cref="ScriptedExchange.FromRecording"/> replays a <see cref="FrameRecorder"/> recording.</summary>
public sealed class RecordingReplayOptions
{
    /// <summary>Which recorded session to replay (1 = the first connection of the recording).</summary>
    public int Session { get; set; } = 1;

    /// <summary>
    /// JSON property names whose values the client makes up per run (a request id, a history index). The n-th value the
    /// client actually sends under such a key stands for the n-th value in the recording, and every recorded answer
    /// carrying the recorded value under that key is replayed with the client's value instead. Default: <c>requestId</c>
    /// and <c>index</c> (PocketOption's order and history correlations).
    /// </summary>
    public ISet<string> CorrelationKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "requestId", "index" };

    /// <summary>
    /// Sent events not matched against the recording (their timing differs run to run, e.g. a keep-alive): the client's
    /// ones are skipped, and so are the recording's.
    /// </summary>
    public ISet<string> IgnoredEvents { get; } = new HashSet<string>(StringComparer.Ordinal);
}
