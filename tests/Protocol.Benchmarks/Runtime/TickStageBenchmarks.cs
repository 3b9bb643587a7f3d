using BenchmarkDotNet.Attributes;
using Protocol.Benchmarks.Messages;
using Protocol.SocketIO;

namespace Protocol.Benchmarks.Runtime;

/// <summary>
/// Where a tick's time goes before the runtime sees it, stage by stage, on one thread, against the hand read of the
/// attachment (<see cref="TickCostBenchmarks"/>' baseline): the header parse by the full validating parser and by the
/// canonical fast path in front of it, the same for the one-step frame, then the codec (assembler: parse, header copy,
/// attachment copy; <c>Assemble</c>), the view mapping on top (<c>CodecMap</c>) and the generated typed read. What <see cref="TickCostBenchmarks"/> measures
/// beyond <c>CodecMapRead</c> is the runtime's (routing, dispatch, the stream).
/// </summary>
[MemoryDiagnoser]
public class TickStageBenchmarks
{
    private static readonly byte[] HeaderPacket = TickFrames.Header[1..];
    private static readonly byte[] OneStepPacket = TickFrames.OneStep[1..];

    private readonly SocketIOArgumentLayout _arguments = new();
    private readonly SocketIOMessageAssembler _assembler = new();
    private readonly SocketIOViewMapper _mapper = new();

    [GlobalCleanup]
    public void Cleanup() => _assembler.Dispose();

    [Benchmark(Baseline = true)]
    public int HandRead() => TickFrames.ReadByHand(TickFrames.Attachment).Ticks.Length;

    [Benchmark]
    public int HeaderValidating() => (int)SocketIOPacketParser.ParseValidating(HeaderPacket, SocketIOCodecOptions.Default, out _, out _, _arguments) + _arguments.Count;

    [Benchmark]
    public int HeaderCanonical() => SocketIOCanonicalEvent.TryParse(HeaderPacket, SocketIOCodecOptions.Default, out _, _arguments) ? _arguments.Count : -1;

    [Benchmark]
    public int OneStepValidating() => (int)SocketIOPacketParser.ParseValidating(OneStepPacket, SocketIOCodecOptions.Default, out _, out _, _arguments) + _arguments.Count;

    [Benchmark]
    public int OneStepCanonical() => SocketIOCanonicalEvent.TryParse(OneStepPacket, SocketIOCodecOptions.Default, out _, _arguments) ? _arguments.Count : -1;

    [Benchmark]
    public int Assemble()
    {
        _assembler.ReceiveText(HeaderPacket, out _);
        return _assembler.ReceiveBinary(TickFrames.Attachment, out var message) ? message.AttachmentCount : -1;
    }

    [Benchmark]
    public int CodecMap()
    {
        _assembler.ReceiveText(HeaderPacket, out _);
        _assembler.ReceiveBinary(TickFrames.Attachment, out var message);
        return _mapper.Map(message.Packet, TickFrames.Header, message.Attachments).ArgumentCount;
    }

    [Benchmark]
    public int CodecMapRead()
    {
        _assembler.ReceiveText(HeaderPacket, out _);
        _assembler.ReceiveBinary(TickFrames.Attachment, out var message);
        return BenchStream.TryRead(_mapper.Map(message.Packet, TickFrames.Header, message.Attachments), out var value) ? value.Ticks.Length : -1;
    }

    [Benchmark]
    public int OneStepCodecMapRead()
    {
        _assembler.ReceiveText(OneStepPacket, out var message);
        return BenchStream.TryRead(_mapper.Map(message.Packet, TickFrames.OneStep, default), out var value) ? value.Ticks.Length : -1;
    }
}
