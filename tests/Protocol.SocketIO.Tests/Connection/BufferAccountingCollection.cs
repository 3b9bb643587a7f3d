namespace Protocol.SocketIO.Tests.Connection;

/// <summary>
/// Tests that watch <see cref="System.Buffers.ArrayPool{T}.Shared"/> through its event source run alone: the watch sees
/// every thread's returns, and its events allocate on the threads of allocation tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BufferAccountingCollection
{
    public const string Name = "Buffer accounting (runs alone)";
}
