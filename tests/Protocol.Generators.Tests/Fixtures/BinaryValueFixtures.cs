// Messages whose whole argument is binary (issue #10): 451-["chunk",{"_placeholder":true,"num":0}] + one attachment, and back.
// Checked by behaviour in BinaryValueTests, not by generated text.
using System;
using System.Threading.Channels;

namespace Protocol.Generators.Tests.Fixtures;

[ProtocolMessage("chunk", Layout = WireLayout.Value)]
public sealed partial class Chunk
{
    public byte[] Data { get; set; } = [];
}

[ProtocolMessage("frame", Layout = WireLayout.Value)]
public sealed partial class MemoryFrame
{
    public ReadOnlyMemory<byte>? Bytes { get; set; }
}

// A binary value at a position of an array argument: 451-["part",[3,{"_placeholder":true,"num":0}]].
[ProtocolMessage("part", Layout = WireLayout.Array)]
public sealed partial class IndexedPart
{
    [WireIndex(0)]
    public int Index { get; set; }

    [WireIndex(1)]
    public byte[] Data { get; set; } = [];
}

// What the runtime round-trip test awaits: each chunk the module's handler saw, in order.
public sealed class ChunkState
{
    public Channel<Chunk> Received { get; } = Channel.CreateUnbounded<Chunk>();
}

[ProtocolModule("chunks", typeof(ChunkState))]
public sealed partial class ChunkModule
{
    [ModuleHandler]
    private void OnChunk(Chunk chunk) => Context.State.Received.Writer.TryWrite(chunk);
}
