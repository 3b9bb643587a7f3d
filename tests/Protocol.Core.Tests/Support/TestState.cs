namespace Protocol.Core.Tests.Support;

public sealed class TestState
{
    public int Balance { get; set; }
}
