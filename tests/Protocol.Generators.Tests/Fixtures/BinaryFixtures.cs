// Binary members inside an argument (issue #10): 451-["upload",{"file":{"_placeholder":true,"num":0},"name":"a",…}] and back.
// Checked by behaviour in BinaryMemberTests, not by generated text.
using System;
using System.Collections.Generic;

namespace Protocol.Generators.Tests.Fixtures;

[ProtocolMessage("upload")]
public sealed partial class Upload
{
    public byte[] File { get; set; } = [];

    public string Name { get; set; } = "";

    [WireOptional]
    public List<UploadPart> Parts { get; set; } = [];
}

[WireType]
public sealed partial class UploadPart
{
    public ReadOnlyMemory<byte> Data { get; set; }

    [WireOptional]
    public byte[]? Checksum { get; set; }
}
