namespace Protocol.Testing.Envelopes;

/// <summary>A frame pushed on a fake connection cannot be decoded by its envelope, or was not expected at that point.</summary>
public sealed class FakeFrameException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="innerException">The codec's own error, if any.</param>
    public FakeFrameException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
