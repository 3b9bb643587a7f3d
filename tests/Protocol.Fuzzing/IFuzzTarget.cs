namespace Protocol.Fuzzing;

/// <summary>
/// One fuzz target. <see cref="Run"/> returns normally when the code under test accepted the input or rejected it the
/// documented way; anything else escapes as an exception, which AFL records as a crash and replay reports.
/// </summary>
internal interface IFuzzTarget
{
    string Name { get; }

    void Run(ReadOnlySpan<byte> input);
}
