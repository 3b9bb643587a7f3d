// Property and enum names that need escaping or are not ASCII: the shared class encodes them once with the frames' encoder, and what
// goes out must be byte for byte what the writer produced from UTF-8 literals before.

namespace Protocol.Generators.Tests.Fixtures;

[WireEnum(WireEnumFormat.String)]
public enum Mood
{
    [WireName("très bien")]
    Good,

    [WireName("<bad> & \"worse\"")]
    Bad,
}

[WireType]
public sealed partial class EscapedNames
{
    [WireName("prix€")]
    public string Price { get; set; } = "";

    [WireName("say \"hi\"")]
    public int Quoted { get; set; }

    [WireName("<b>&'+")]
    public bool Html { get; set; }

    [WireName("ключ")]
    public string? Key { get; set; }

    [WireName("tab\there\\")]
    public long Tab { get; set; }

    [WireName("emoji😀")]
    public double Emoji { get; set; }

    [WireName("snake_case.dot")]
    public Mood Mood { get; set; }

    [WireName("\u007f\u2028")]
    public decimal? Control { get; set; }
}
