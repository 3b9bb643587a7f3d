using Protocol.Testing.Time;

namespace Protocol.Core.Tests.Testing;

public sealed class FakeTimeProviderTests
{
    [Fact]
    public async Task Delay_completes_only_when_the_clock_reaches_its_due_time()
    {
        var clock = new FakeTimeProvider();
        var delay = Task.Delay(TimeSpan.FromMilliseconds(500), clock);

        clock.Advance(TimeSpan.FromMilliseconds(499));
        delay.IsCompleted.ShouldBeFalse();

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        delay.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public void Timers_fire_in_due_order_and_see_their_own_due_time()
    {
        var clock = new FakeTimeProvider();
        var start = clock.GetUtcNow();
        var seen = new List<(string Name, TimeSpan At)>();
        using var late = clock.CreateTimer(_ => seen.Add(("late", clock.GetUtcNow() - start)), null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => seen.Add(("early", clock.GetUtcNow() - start)), null, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(1));

        seen.ShouldBe([("early", TimeSpan.FromMilliseconds(100)), ("late", TimeSpan.FromMilliseconds(300))]);
        (clock.GetUtcNow() - start).ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_period_crossed_and_stops_when_disposed()
    {
        var clock = new FakeTimeProvider();
        var fired = 0;
        var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));

        clock.Advance(TimeSpan.FromMilliseconds(350));
        fired.ShouldBe(3);

        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(1));
        fired.ShouldBe(3);
        clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public void Change_re_arms_relative_to_the_current_time()
    {
        var clock = new FakeTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMilliseconds(90));
        timer.Change(TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan); // a watchdog being reset
        clock.Advance(TimeSpan.FromMilliseconds(90));
        fired.ShouldBe(0);

        clock.Advance(TimeSpan.FromMilliseconds(10));
        fired.ShouldBe(1);
    }

    [Fact]
    public async Task CancellationTokenSource_with_a_timeout_cancels_on_the_fake_clock()
    {
        var clock = new FakeTimeProvider();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30), clock);

        clock.Advance(TimeSpan.FromSeconds(29));
        cts.IsCancellationRequested.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        cts.IsCancellationRequested.ShouldBeTrue();
        await Task.CompletedTask;
    }

    [Fact]
    public void The_clock_refuses_to_go_backwards()
    {
        var clock = new FakeTimeProvider();
        Should.Throw<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => clock.SetUtcNow(clock.GetUtcNow().AddSeconds(-1)));
        ex.Message.ShouldContain("cannot go backwards");
    }
}
