// A quote stream as a JavaScript server sends it (issue #8): the shapes the never-throw reader tests and the property tests use beside the
// PocketOption fixtures. Kept out of PocketOptionMessages.cs so that file's baselines stay the PocketOption ones.
using System.Collections.Generic;

namespace Protocol.Generators.Tests.Fixtures;

public enum QuoteFlags : byte
{
    None = 0,
    Halted = 1,
    Closing = 2,
}

[ProtocolMessage("quote")]
public sealed partial class Quote
{
    public string Symbol { get; set; } = "";

    [WireOptional]
    public decimal Price { get; set; }

    [WireOptional]
    [WireEnum(WireEnumFormat.String)]
    public OrderAction Side { get; set; }

    [WireOptional]
    public QuoteFlags Flags { get; set; }

    [WireOptional]
    [WireNumberAsString]
    public long Volume { get; set; }

    public float? Change { get; set; }

    public string? Note { get; set; }

    public List<string>? Tags { get; set; }
}
