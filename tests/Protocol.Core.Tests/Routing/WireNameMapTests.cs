using System.Text;
using CsCheck;
using Protocol.Tests.Properties;

namespace Protocol.Core.Tests.Routing;

/// <summary>
/// The dispatch table finds a received name's route with its own map (a hash of the length and the first and last 8 bytes):
/// whatever the declared names and the received one, it finds exactly the declared name that equals it, byte for byte.
/// </summary>
public sealed class WireNameMapTests
{
    [Fact]
    public void Names_that_share_their_length_and_their_first_and_last_bytes_are_told_apart()
    {
        // Same length, same first 8 and last 8 bytes: the same hash, so they share a probe sequence.
        string[] names = ["successupdateBalance", "successupdXXeBalance", "successupdYYeBalance", "updateStream", "u", "ab", "abc", "abcd"];
        var map = Map(names);

        foreach (var name in names)
        {
            map.TryGetValue(Encoding.UTF8.GetBytes(name), out var found).ShouldBeTrue(name);
            found.ShouldBe(name);
        }

        foreach (var absent in new[] { "successupdZZeBalance", "updateStreaM", "updateStream ", "", "a", "abcde", "successupdateBalanc" })
        {
            map.TryGetValue(Encoding.UTF8.GetBytes(absent), out _).ShouldBeFalse(absent);
        }
    }

    [Fact]
    public void A_name_declared_twice_is_refused_when_the_table_is_built()
    {
        var error = Should.Throw<ArgumentException>(() => Map(["quote", "quote"]));
        error.Message.ShouldContain("'quote' was given twice");
    }

    [Fact]
    public void An_empty_map_finds_nothing()
    {
        var map = Map([]);
        map.Count.ShouldBe(0);
        map.TryGetValue("quote"u8, out _).ShouldBeFalse();
        map.TryGetValue(default, out _).ShouldBeFalse();
    }

    [Fact]
    public void Any_received_name_finds_the_declared_name_equal_to_it_and_nothing_else()
    {
        // A small alphabet and short names make shared prefixes, suffixes and whole hash collisions common.
        var name = Gen.Char['a', 'c'].Array[0, 20].Select(static c => new string(c));
        var cases = Gen.Select(name.Array[0, 40], name.Array[1, 40]);

        Property.ForAll(cases, "0000003f1d2a", 3_000, static c =>
        {
            var (declared, received) = c;
            var distinct = declared.Distinct(StringComparer.Ordinal).ToArray();
            var map = Map(distinct);
            map.Count.ShouldBe(distinct.Length);
            foreach (var probe in distinct.Concat(received))
            {
                var found = map.TryGetValue(Encoding.UTF8.GetBytes(probe), out var value);
                found.ShouldBe(distinct.Contains(probe, StringComparer.Ordinal), probe);
                if (found)
                {
                    value.ShouldBe(probe);
                }
            }
        }, static c => $"declared [{string.Join(",", c.Item1)}] received [{string.Join(",", c.Item2)}]");
    }

    private static WireNameMap<string> Map(string[] names)
        => new(names.Select(static n => KeyValuePair.Create(Encoding.UTF8.GetBytes(n), n)));
}
