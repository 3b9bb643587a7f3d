
namespace Protocol.Core.Tests.Runner;

public sealed class BackoffScheduleTests
{
    private static readonly double[] NominalSeconds = [5, 10, 20, 40, 80, 160, 300, 300, 300, 300];

    [Fact]
    public void Nominal_delays_double_from_the_base_and_stop_at_the_cap_over_ten_attempts()
    {
        var schedule = new BackoffSchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300), 0.2);
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            schedule.GetNominalDelay(attempt).ShouldBe(TimeSpan.FromSeconds(NominalSeconds[attempt - 1]), $"attempt {attempt}");
        }
    }

    [Fact]
    public void Jittered_delays_stay_within_twenty_percent_and_actually_vary()
    {
        var schedule = new BackoffSchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300), 0.2, new Random(7));
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var nominal = NominalSeconds[attempt - 1];
            var samples = Enumerable.Range(0, 500).Select(_ => schedule.GetDelay(attempt).TotalSeconds).ToArray();
            samples.Min().ShouldBeGreaterThanOrEqualTo(nominal * 0.8, $"attempt {attempt}");
            samples.Max().ShouldBeLessThanOrEqualTo(nominal * 1.2, $"attempt {attempt}");

            // Jitter spreads clients: the samples cover most of the ±20 % band.
            (samples.Max() - samples.Min()).ShouldBeGreaterThan(nominal * 0.3, $"attempt {attempt}");
        }
    }

    [Fact]
    public void Extreme_random_values_hit_the_band_edges()
    {
        var low = new BackoffSchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300), 0.2, new FixedRandom(0.0));
        var high = new BackoffSchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300), 0.2, new FixedRandom(1.0 - 1e-12));
        low.GetDelay(1).ShouldBe(TimeSpan.FromSeconds(4));
        high.GetDelay(1).TotalSeconds.ShouldBe(6, 1e-6);
        low.GetDelay(10).ShouldBe(TimeSpan.FromSeconds(240));
        high.GetDelay(10).TotalSeconds.ShouldBe(360, 1e-6);
    }

    [Fact]
    public void Very_high_attempt_numbers_do_not_overflow()
        => new BackoffSchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300), 0).GetDelay(10_000).ShouldBe(TimeSpan.FromSeconds(300));
}

internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;
}
