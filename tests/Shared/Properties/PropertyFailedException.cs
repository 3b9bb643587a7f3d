namespace Protocol.Tests.Properties;

/// <summary>A property found a counterexample; the message says how to replay it.</summary>
internal sealed class PropertyFailedException(string message, Exception inner) : Exception(message, inner);
