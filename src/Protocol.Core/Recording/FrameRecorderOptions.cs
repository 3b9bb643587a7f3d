namespace Protocol;

/// <summary>How a <see cref="FrameRecorder"/> writes a session.</summary>
public sealed class FrameRecorderOptions
{
    /// <summary>
    /// JSON property names whose values never reach the recording (matched case-insensitively, at any depth, in frames
    /// and in UTF-8 JSON attachments): the value is written as <c>"[redacted]"</c>. The default covers session ids,
    /// tokens, passwords, account ids, addresses and user agents; a platform adds its own.
    /// </summary>
    public ISet<string> SecretKeys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "session", "ssid", "sessionToken", "token", "accessToken", "refreshToken", "password", "secret", "apiKey",
        "uid", "userId", "user_id", "email", "ip", "ipAddress", "userAgent", "user_agent", "authorization", "cookie",
    };

    /// <summary>
    /// How many lines may wait for the writer (default 10,000). Recording never slows the receive path: when the writer
    /// falls this far behind, further frames are dropped and counted, and the recording says how many were lost where
    /// they were lost.
    /// </summary>
    public int Capacity { get; set; } = 10_000;

    internal void Validate()
    {
        if (Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "FrameRecorderOptions.Capacity must be at least 1 line.");
        }
    }
}
