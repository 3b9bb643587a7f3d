using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Tests.Candles;

public sealed class SubscriptionModeTests
{
    [Fact]
    public void The_default_is_none()
    {
        default(SubscriptionMode).ShouldBe(SubscriptionMode.None);
        SubscriptionMode.None.Kind.ShouldBe(SubscriptionModeKind.None);
        SubscriptionMode.None.WindowPeriod.ShouldBeNull();
        SubscriptionMode.None.ToString().ShouldBe("none");
    }

    [Fact]
    public void Each_mode_keeps_its_parameter()
    {
        SubscriptionMode.Chunk(5).ShouldSatisfyAllConditions(m => m.Kind.ShouldBe(SubscriptionModeKind.Chunk), m => m.ChunkSize.ShouldBe(5),
            m => m.WindowPeriod.ShouldBeNull(), m => m.ToString().ShouldBe("chunk(5)"));
        SubscriptionMode.Time(TimeSpan.FromSeconds(7)).ShouldSatisfyAllConditions(m => m.Kind.ShouldBe(SubscriptionModeKind.Time),
            m => m.WindowPeriod.ShouldBe(TimeSpan.FromSeconds(7)), m => m.ToString().ShouldBe("time(00:00:07)"));
        SubscriptionMode.TimeAligned(TimeSpan.FromMinutes(5)).ShouldSatisfyAllConditions(m => m.Kind.ShouldBe(SubscriptionModeKind.TimeAligned),
            m => m.WindowPeriod.ShouldBe(TimeSpan.FromMinutes(5)), m => m.ToString().ShouldBe("time-aligned(00:05:00)"));
        SubscriptionMode.Chunk(3).ShouldBe(SubscriptionMode.Chunk(3));
        SubscriptionMode.Chunk(3).ShouldNotBe(SubscriptionMode.Chunk(4));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_chunk_below_one_tick_is_refused(int size)
        => Should.Throw<ArgumentOutOfRangeException>(() => SubscriptionMode.Chunk(size)).Message.ShouldContain("at least 1 tick");

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_time_window_of_zero_or_less_is_refused(int seconds)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SubscriptionMode.Time(TimeSpan.FromSeconds(seconds))).Message.ShouldContain("longer than zero");
        Should.Throw<ArgumentOutOfRangeException>(() => SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(seconds))).Message.ShouldContain("longer than zero");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(7 * 60)]
    [InlineData(25 * 3600)]
    public void A_time_aligned_window_that_does_not_divide_a_day_is_refused(int seconds)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(seconds))).Message.ShouldContain("divides a day");
        SubscriptionMode.Time(TimeSpan.FromSeconds(seconds)).Period.ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(60)]
    [InlineData(3600)]
    [InlineData(4 * 3600)]
    [InlineData(86400)]
    public void A_time_aligned_window_that_divides_a_day_is_accepted(int seconds)
        => SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(seconds)).Period.ShouldBe(TimeSpan.FromSeconds(seconds));
}
