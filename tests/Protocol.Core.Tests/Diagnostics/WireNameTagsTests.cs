using System.Diagnostics.Metrics;
using System.Text;
using Protocol.Testing;
using Protocol.Tests.Allocations;

namespace Protocol.Core.Tests.Diagnostics;

public sealed class WireNameTagsTests
{
    [Fact]
    public void The_first_names_up_to_the_limit_are_kept_and_later_ones_are_other()
    {
        var tags = new WireNameTags(3);
        tags.Get("a"u8).ShouldBe("a");
        tags.Get("b"u8).ShouldBe("b");
        tags.Get("a"u8).ShouldBe("a");
        tags.Get("c"u8).ShouldBe("c");
        tags.Get("d"u8).ShouldBe(ProtocolTelemetry.OtherTagValue);
        tags.Get("b"u8).ShouldBe("b");
        tags.Count.ShouldBe(3);

        // The same string instance every time: the tag value is not rebuilt per message.
        ReferenceEquals(tags.Get("a"u8), tags.Get("a"u8)).ShouldBeTrue();
    }

    [Fact]
    public void Long_names_and_bytes_that_are_not_utf8_are_handled()
    {
        var tags = new WireNameTags(10);
        tags.Get(Encoding.UTF8.GetBytes(new string('n', WireNameTags.MaxNameBytes + 1))).ShouldBe(ProtocolTelemetry.OtherTagValue);
        tags.Get(Encoding.UTF8.GetBytes(new string('n', WireNameTags.MaxNameBytes))).Length.ShouldBe(WireNameTags.MaxNameBytes);
        tags.Get([0xFF, 0x61]).ShouldBe("\uFFFDa");
        tags.Get([0xFE, 0x61]).ShouldBe("\uFFFDa");  // a distinct wire name, even if it reads the same
        tags.Count.ShouldBe(3);
        tags.Get("déclaré").ShouldBe(tags.Get("déclaré"u8));
    }

    [Fact]
    public void Concurrent_first_sightings_never_exceed_the_limit_and_agree_on_each_value()
    {
        var tags = new WireNameTags(ProtocolTelemetry.WireNameTagLimit);
        var names = Enumerable.Range(0, 400).Select(i => Encoding.UTF8.GetBytes($"event-{i}")).ToArray();
        var results = new string[4][];
        Parallel.For(0, 4, t =>
        {
            results[t] = new string[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                var index = (i * 7 + t * 101) % names.Length;
                results[t][index] = tags.Get(names[index]);
            }
        });

        tags.Count.ShouldBe(ProtocolTelemetry.WireNameTagLimit);
        for (var i = 0; i < names.Length; i++)
        {
            var value = tags.Get(names[i]);
            results.ShouldAllBe(r => r[i] == value || r[i] == ProtocolTelemetry.OtherTagValue);
            (value == ProtocolTelemetry.OtherTagValue || value == $"event-{i}").ShouldBeTrue();
        }

        names.Select(n => tags.Get(n)).Distinct().Count().ShouldBe(ProtocolTelemetry.WireNameTagLimit + 1);
    }

    [Fact]
    public async Task A_known_name_and_an_over_the_cap_name_allocate_nothing()
    {
        var tags = new WireNameTags(ProtocolTelemetry.WireNameTagLimit);
        var names = Enumerable.Range(0, 150).Select(i => Encoding.UTF8.GetBytes($"event-{i}")).ToArray();
        foreach (var name in names)
        {
            tags.Get(name);
        }

        var rounds = await AllocationRounds.MeasureAsync(() =>
        {
            for (var round = 0; round < 20; round++)
            {
                foreach (var name in names)
                {
                    tags.Get(name);
                }
            }
        }, 5).WithSafetyNet(AllocationRounds.Limit);

        rounds.Min().ShouldBe(0, $"looking up known and over-the-cap names allocated in every round (bytes per round: {AllocationRounds.Describe(rounds)})");
    }

    [Fact]
    public async Task Recording_a_received_message_allocates_nothing_once_its_name_is_known()
    {
        var telemetry = new ClientTelemetry(Support.TelemetryCapture.UniqueName("alloc"), "alloc-platform");
        // Another test's capture listening at the same time must not allocate on this thread either.
        using var other = new Support.TelemetryCapture("someone-else");
        long seen = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProtocolTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref seen, value));
        listener.Start();
        var payload = """{"action":"quote","v":1}"""u8.ToArray();
        Record(telemetry, payload);

        var rounds = await AllocationRounds.MeasureAsync(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                Record(telemetry, payload);
            }
        }, 5).WithSafetyNet(AllocationRounds.Limit);

        rounds.Min().ShouldBe(0, $"recording a received message allocated in every round of 1000 (bytes per round: {AllocationRounds.Describe(rounds)})");
        Interlocked.Read(ref seen).ShouldBeGreaterThanOrEqualTo(6001 * (1 + payload.Length));
    }

    private static void Record(ClientTelemetry telemetry, byte[] payload)
        => telemetry.MessageReceived(new MessageView(MessageKind.Action, payload, "quote"u8, payload));
}
