// The workload of RoutingScaleBenchmarks: 12 modules, each reading 2 distinct wire names (24 [ProtocolMessage] partial classes),
// so the generator makes their readers, rules, APIs and AddRouteNNModule() registrations. Written out once in a fixed pattern
// (RouteNN{A,B} reads "routeNN{a,b}", RouteNNModule streams both as A and B), nothing generated at build time.

namespace Protocol.Benchmarks.Runtime;

/// <summary><c>42["route01a",{"value":…}]</c>, read by <see cref="Route01Module"/>.</summary>
[ProtocolMessage("route01a")]
public sealed partial class Route01A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route01b",{"value":…}]</c>, read by <see cref="Route01Module"/>.</summary>
[ProtocolMessage("route01b")]
public sealed partial class Route01B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route02a",{"value":…}]</c>, read by <see cref="Route02Module"/>.</summary>
[ProtocolMessage("route02a")]
public sealed partial class Route02A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route02b",{"value":…}]</c>, read by <see cref="Route02Module"/>.</summary>
[ProtocolMessage("route02b")]
public sealed partial class Route02B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route03a",{"value":…}]</c>, read by <see cref="Route03Module"/>.</summary>
[ProtocolMessage("route03a")]
public sealed partial class Route03A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route03b",{"value":…}]</c>, read by <see cref="Route03Module"/>.</summary>
[ProtocolMessage("route03b")]
public sealed partial class Route03B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route04a",{"value":…}]</c>, read by <see cref="Route04Module"/>.</summary>
[ProtocolMessage("route04a")]
public sealed partial class Route04A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route04b",{"value":…}]</c>, read by <see cref="Route04Module"/>.</summary>
[ProtocolMessage("route04b")]
public sealed partial class Route04B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route05a",{"value":…}]</c>, read by <see cref="Route05Module"/>.</summary>
[ProtocolMessage("route05a")]
public sealed partial class Route05A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route05b",{"value":…}]</c>, read by <see cref="Route05Module"/>.</summary>
[ProtocolMessage("route05b")]
public sealed partial class Route05B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route06a",{"value":…}]</c>, read by <see cref="Route06Module"/>.</summary>
[ProtocolMessage("route06a")]
public sealed partial class Route06A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route06b",{"value":…}]</c>, read by <see cref="Route06Module"/>.</summary>
[ProtocolMessage("route06b")]
public sealed partial class Route06B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route07a",{"value":…}]</c>, read by <see cref="Route07Module"/>.</summary>
[ProtocolMessage("route07a")]
public sealed partial class Route07A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route07b",{"value":…}]</c>, read by <see cref="Route07Module"/>.</summary>
[ProtocolMessage("route07b")]
public sealed partial class Route07B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route08a",{"value":…}]</c>, read by <see cref="Route08Module"/>.</summary>
[ProtocolMessage("route08a")]
public sealed partial class Route08A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route08b",{"value":…}]</c>, read by <see cref="Route08Module"/>.</summary>
[ProtocolMessage("route08b")]
public sealed partial class Route08B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route09a",{"value":…}]</c>, read by <see cref="Route09Module"/>.</summary>
[ProtocolMessage("route09a")]
public sealed partial class Route09A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route09b",{"value":…}]</c>, read by <see cref="Route09Module"/>.</summary>
[ProtocolMessage("route09b")]
public sealed partial class Route09B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route10a",{"value":…}]</c>, read by <see cref="Route10Module"/>.</summary>
[ProtocolMessage("route10a")]
public sealed partial class Route10A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route10b",{"value":…}]</c>, read by <see cref="Route10Module"/>.</summary>
[ProtocolMessage("route10b")]
public sealed partial class Route10B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route11a",{"value":…}]</c>, read by <see cref="Route11Module"/>.</summary>
[ProtocolMessage("route11a")]
public sealed partial class Route11A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route11b",{"value":…}]</c>, read by <see cref="Route11Module"/>.</summary>
[ProtocolMessage("route11b")]
public sealed partial class Route11B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route12a",{"value":…}]</c>, read by <see cref="Route12Module"/>.</summary>
[ProtocolMessage("route12a")]
public sealed partial class Route12A
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary><c>42["route12b",{"value":…}]</c>, read by <see cref="Route12Module"/>.</summary>
[ProtocolMessage("route12b")]
public sealed partial class Route12B
{
    /// <summary>A value.</summary>
    public long Value { get; set; }
}

/// <summary>Module 1 of 12: streams <c>route01a</c> and <c>route01b</c>.</summary>
[ProtocolModule("route-01", typeof(BenchClientState))]
[ModuleStream(typeof(Route01A), "A")]
[ModuleStream(typeof(Route01B), "B")]
public sealed partial class Route01Module;

/// <summary>Module 2 of 12: streams <c>route02a</c> and <c>route02b</c>.</summary>
[ProtocolModule("route-02", typeof(BenchClientState))]
[ModuleStream(typeof(Route02A), "A")]
[ModuleStream(typeof(Route02B), "B")]
public sealed partial class Route02Module;

/// <summary>Module 3 of 12: streams <c>route03a</c> and <c>route03b</c>.</summary>
[ProtocolModule("route-03", typeof(BenchClientState))]
[ModuleStream(typeof(Route03A), "A")]
[ModuleStream(typeof(Route03B), "B")]
public sealed partial class Route03Module;

/// <summary>Module 4 of 12: streams <c>route04a</c> and <c>route04b</c>.</summary>
[ProtocolModule("route-04", typeof(BenchClientState))]
[ModuleStream(typeof(Route04A), "A")]
[ModuleStream(typeof(Route04B), "B")]
public sealed partial class Route04Module;

/// <summary>Module 5 of 12: streams <c>route05a</c> and <c>route05b</c>.</summary>
[ProtocolModule("route-05", typeof(BenchClientState))]
[ModuleStream(typeof(Route05A), "A")]
[ModuleStream(typeof(Route05B), "B")]
public sealed partial class Route05Module;

/// <summary>Module 6 of 12: streams <c>route06a</c> and <c>route06b</c>.</summary>
[ProtocolModule("route-06", typeof(BenchClientState))]
[ModuleStream(typeof(Route06A), "A")]
[ModuleStream(typeof(Route06B), "B")]
public sealed partial class Route06Module;

/// <summary>Module 7 of 12: streams <c>route07a</c> and <c>route07b</c>.</summary>
[ProtocolModule("route-07", typeof(BenchClientState))]
[ModuleStream(typeof(Route07A), "A")]
[ModuleStream(typeof(Route07B), "B")]
public sealed partial class Route07Module;

/// <summary>Module 8 of 12: streams <c>route08a</c> and <c>route08b</c>.</summary>
[ProtocolModule("route-08", typeof(BenchClientState))]
[ModuleStream(typeof(Route08A), "A")]
[ModuleStream(typeof(Route08B), "B")]
public sealed partial class Route08Module;

/// <summary>Module 9 of 12: streams <c>route09a</c> and <c>route09b</c>.</summary>
[ProtocolModule("route-09", typeof(BenchClientState))]
[ModuleStream(typeof(Route09A), "A")]
[ModuleStream(typeof(Route09B), "B")]
public sealed partial class Route09Module;

/// <summary>Module 10 of 12: streams <c>route10a</c> and <c>route10b</c>.</summary>
[ProtocolModule("route-10", typeof(BenchClientState))]
[ModuleStream(typeof(Route10A), "A")]
[ModuleStream(typeof(Route10B), "B")]
public sealed partial class Route10Module;

/// <summary>Module 11 of 12: streams <c>route11a</c> and <c>route11b</c>.</summary>
[ProtocolModule("route-11", typeof(BenchClientState))]
[ModuleStream(typeof(Route11A), "A")]
[ModuleStream(typeof(Route11B), "B")]
public sealed partial class Route11Module;

/// <summary>Module 12 of 12: streams <c>route12a</c> and <c>route12b</c>.</summary>
[ProtocolModule("route-12", typeof(BenchClientState))]
[ModuleStream(typeof(Route12A), "A")]
[ModuleStream(typeof(Route12B), "B")]
public sealed partial class Route12Module;
