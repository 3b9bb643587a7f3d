using System.Globalization;
using System.Text.RegularExpressions;
using Protocol.Simulation.Time;
using Protocol.PocketOption.Tests.Session;
using Protocol.Testing;
using QuickstartProgram = global::PocketOption.Quickstart.Quickstart;
using QuickstartSettings = global::PocketOption.Quickstart.QuickstartSettings;

namespace Protocol.PocketOption.Tests.Quickstart;

// The quickstart's entry point run in-process: against its embedded simulator on an accelerated clock, and its refusals.
public sealed partial class QuickstartTests
{
    [Fact]
    public async Task Without_an_ssid_it_trades_once_on_the_embedded_simulator_and_exits_0()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var settings = new QuickstartSettings
        {
            // 5x: every client and simulator timeout keeps a real-time margin on a busy machine.
            TimeProvider = new AcceleratedTimeProvider(5),
            CandleDuration = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromMinutes(5),
        };

        var exit = await QuickstartProgram.RunAsync(output, _ => null, settings, CancellationToken.None).WithSafetyNet(TimeSpan.FromSeconds(60));

        var text = output.ToString();
        exit.ShouldBe(QuickstartProgram.Success, text);
        text.ShouldContain("Balance: 50,000.00");
        text.ShouldContain("EURUSD_otc     EUR/USD OTC        payout  92 %   expiries from 5 s");
        CandleLine().Matches(text).Count.ShouldBeGreaterThanOrEqualTo(1, text);
        text.ShouldContain("on EURUSD_otc for 5 s at ");
        text.ShouldContain("waiting for the result...");
        var result = ResultLine().Match(text);
        result.Success.ShouldBeTrue(text);
        var profit = decimal.Parse(result.Groups["profit"].Value, CultureInfo.InvariantCulture);
        var balance = decimal.Parse(result.Groups["balance"].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
        balance.ShouldBe(50_000m + profit, "the new balance is the old one plus the trade's profit");
        switch (result.Groups["word"].Value)
        {
            case "WIN": profit.ShouldBe(0.92m); break;
            case "LOSS": profit.ShouldBe(-1m); break;
            default: profit.ShouldBe(0m); break;
        }
    }

    [Fact]
    public async Task A_real_account_ssid_is_refused_with_exit_2_before_anything_connects()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var ssid = SsidSamples.RealFrame(withHash: true);

        var exit = await QuickstartProgram.RunAsync(output, name => name == QuickstartProgram.SsidVariable ? ssid : null, CancellationToken.None).WithSafetyNet(TimeSpan.FromSeconds(20));

        exit.ShouldBe(QuickstartProgram.RealAccountRefused);
        var text = output.ToString();
        text.ShouldContain("real-money account");
        text.ShouldContain("demo account");
        text.ShouldNotContain("Connected");
        SsidSamples.Secrets.ShouldAllBe(secret => !text.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_ssid_exits_1_with_what_is_wrong()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        var exit = await QuickstartProgram.RunAsync(output, name => name == QuickstartProgram.SsidVariable ? "not an ssid" : null, CancellationToken.None).WithSafetyNet(TimeSpan.FromSeconds(20));

        exit.ShouldBe(QuickstartProgram.Failed);
        output.ToString().ShouldContain("POCKETOPTION_SSID is not a valid SSID");
    }

    [GeneratedRegex(@"^  \d\d:\d\d:\d\d  open \d+\.\d+  high \d+\.\d+  low \d+\.\d+  close \d+\.\d+", RegexOptions.Multiline)]
    private static partial Regex CandleLine();

    [GeneratedRegex(@"Result: (?<word>WIN|LOSS|DRAW), profit (?<profit>[+-]?\d+\.\d\d); balance now (?<balance>[\d,]+\.\d\d)\.")]
    private static partial Regex ResultLine();
}
