using Protocol.Trading.Candles;

namespace Protocol.Trading.Tests.Candles;

public sealed class ReconnectGapsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_a_resume_no_tick_crosses_a_gap()
    {
        var gaps = new ReconnectGaps();
        gaps.TryCross(T0).ShouldBeFalse();
        gaps.TryCross(DateTimeOffset.MaxValue).ShouldBeFalse();
    }

    [Fact]
    public void Ticks_up_to_the_resume_time_are_the_old_sessions_and_the_first_later_one_crosses_once()
    {
        var gaps = new ReconnectGaps();
        gaps.Add(T0.AddSeconds(10));
        gaps.TryCross(T0.AddSeconds(9)).ShouldBeFalse("a tick of the old session read after the resume");
        gaps.TryCross(T0.AddSeconds(10)).ShouldBeFalse("at the resume time it is still the old session's");
        gaps.TryCross(T0.AddSeconds(10.5)).ShouldBeTrue("the new session's first tick");
        gaps.TryCross(T0.AddSeconds(11)).ShouldBeFalse("the gap is crossed once");
    }

    [Fact]
    public void Two_resumes_before_a_read_give_two_crossings_in_order()
    {
        var gaps = new ReconnectGaps();
        gaps.Add(T0.AddSeconds(10));
        gaps.Add(T0.AddSeconds(20));
        gaps.TryCross(T0.AddSeconds(5)).ShouldBeFalse();
        gaps.TryCross(T0.AddSeconds(12)).ShouldBeTrue("the second session's first tick");
        gaps.TryCross(T0.AddSeconds(15)).ShouldBeFalse();
        gaps.TryCross(T0.AddSeconds(21)).ShouldBeTrue("the third session's first tick");
        gaps.TryCross(T0.AddSeconds(22)).ShouldBeFalse();
    }

    [Fact]
    public void A_tick_past_both_resumes_crosses_them_at_once_and_a_resume_time_that_steps_back_keeps_the_order()
    {
        var gaps = new ReconnectGaps();
        gaps.Add(T0.AddSeconds(10));
        gaps.Add(T0.AddSeconds(8));
        gaps.TryCross(T0.AddSeconds(9)).ShouldBeFalse("a server clock estimate that stepped back counts as the earlier mark");
        gaps.TryCross(T0.AddSeconds(30)).ShouldBeTrue();
        gaps.TryCross(T0.AddSeconds(31)).ShouldBeFalse("both marks were crossed by the one tick");
    }
}
