using Protocol.Testing.Time;

namespace Protocol.Core.Tests.Testing;

// The clock itself is Microsoft's FakeTimeProvider; these pin only the count the kit adds for leak checks.
public sealed class TimerCountingTimeProviderTests
{
    [Fact]
    public void A_one_shot_timer_counts_until_it_fires()
    {
        var clock = new TimerCountingTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
        clock.ActiveTimerCount.ShouldBe(1);

        clock.Advance(TimeSpan.FromMilliseconds(100));

        fired.ShouldBe(1);
        clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public void A_periodic_timer_counts_until_disposed()
    {
        var clock = new TimerCountingTimeProvider();
        var fired = 0;
        var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));

        clock.Advance(TimeSpan.FromMilliseconds(350));
        fired.ShouldBe(3);
        clock.ActiveTimerCount.ShouldBe(1);

        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(1));
        fired.ShouldBe(3);
        clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public void Change_to_infinite_disarms_and_a_finite_change_re_arms()
    {
        var clock = new TimerCountingTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.ActiveTimerCount.ShouldBe(0);

        timer.Change(TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
        clock.ActiveTimerCount.ShouldBe(1);
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.ActiveTimerCount.ShouldBe(0);

        clock.Advance(TimeSpan.FromSeconds(1));
        fired.ShouldBe(0);
    }

    [Fact]
    public async Task A_cancelled_timeout_leaves_no_timer_behind()
    {
        var clock = new TimerCountingTimeProvider();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30), clock))
        {
            clock.ActiveTimerCount.ShouldBe(1);
        }

        clock.ActiveTimerCount.ShouldBe(0);

        var delay = Task.Delay(TimeSpan.FromSeconds(1), clock);
        clock.ActiveTimerCount.ShouldBe(1);
        clock.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        clock.ActiveTimerCount.ShouldBe(0);
    }
}
