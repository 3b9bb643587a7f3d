using Microsoft.Extensions.Time.Testing;
using Protocol.Simulation.Time;
using Protocol.Testing;

namespace Protocol.PocketOption.Simulator.Tests.Time;

public sealed class AcceleratedTimeProviderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Its_time_moves_speed_times_faster_than_the_inner_clock_from_its_start()
    {
        var inner = new FakeTimeProvider(Noon);
        var clock = new AcceleratedTimeProvider(60, inner, start: Noon.AddDays(1));

        clock.GetUtcNow().ShouldBe(Noon.AddDays(1));
        var started = clock.GetTimestamp();
        inner.Advance(TimeSpan.FromSeconds(1.5));

        clock.GetUtcNow().ShouldBe(Noon.AddDays(1).AddSeconds(90));
        clock.GetElapsedTime(started).ShouldBe(TimeSpan.FromSeconds(90));
        new AcceleratedTimeProvider(2, inner).GetUtcNow().ShouldBe(inner.GetUtcNow(), "it starts at the inner clock's now by default");
    }

    [Fact]
    public void A_timer_fires_after_its_due_time_on_the_fast_clock_and_repeats_at_its_period()
    {
        var inner = new FakeTimeProvider(Noon);
        var clock = new AcceleratedTimeProvider(60, inner);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));

        inner.Advance(TimeSpan.FromMilliseconds(999));
        fired.ShouldBeEmpty("a minute on the fast clock is a second on the inner one");
        inner.Advance(TimeSpan.FromMilliseconds(1));
        fired.ShouldBe([Noon.AddMinutes(1)]);
        inner.Advance(TimeSpan.FromSeconds(2));
        fired.ShouldBe([Noon.AddMinutes(1), Noon.AddMinutes(3)]);

        timer.Change(TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan).ShouldBeTrue();
        inner.Advance(TimeSpan.FromSeconds(0.5));
        fired.Count.ShouldBe(3);
        inner.Advance(TimeSpan.FromSeconds(10));
        fired.Count.ShouldBe(3, "a one-shot timer fires once");

        timer.Change(TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();
        inner.Advance(TimeSpan.FromMinutes(5));
        fired.Count.ShouldBe(3, "a disposed timer never fires");
    }

    [Fact]
    public async Task Task_Delay_on_it_completes_after_the_fast_clocks_delay()
    {
        var inner = new FakeTimeProvider(Noon);
        var clock = new AcceleratedTimeProvider(3600, inner);

        var delay = Task.Delay(TimeSpan.FromHours(1), clock);
        inner.Advance(TimeSpan.FromMilliseconds(999));
        delay.IsCompleted.ShouldBeFalse();
        inner.Advance(TimeSpan.FromMilliseconds(1));

        await delay.WithSafetyNet();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_speed_that_is_not_a_positive_number_is_refused(double speed)
        => Should.Throw<ArgumentOutOfRangeException>(() => new AcceleratedTimeProvider(speed)).Message.ShouldContain("speed must be a finite number above 0");
}
