using System.Globalization;
using System.Text.RegularExpressions;
using Protocol.Simulation.Time;
using Protocol.Testing;
using QuickstartProgram = global::ExpertOption.Quickstart.Quickstart;
using QuickstartSettings = global::ExpertOption.Quickstart.QuickstartSettings;

namespace Protocol.ExpertOption.Tests.Quickstart;

// The quickstart's entry point run in-process: against its embedded simulator on an accelerated clock, and its refusal of a
// malformed token.
public sealed partial class QuickstartTests
{
    [Fact]
    public async Task Without_a_token_it_trades_once_on_the_embedded_simulator_and_exits_0()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var settings = new QuickstartSettings
        {
            // 5x: the 30 s trade takes 6 s; every timeout is stretched so a busy machine keeps a real-time margin.
            TimeProvider = new AcceleratedTimeProvider(5),
            CandleDuration = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromMinutes(5),
            RequestTimeout = TimeSpan.FromMinutes(5),
            ResultGrace = TimeSpan.FromMinutes(5),
        };

        var exit = await QuickstartProgram.RunAsync(output, _ => null, settings, CancellationToken.None).WithSafetyNet(TimeSpan.FromSeconds(60));

        var text = output.ToString();
        exit.ShouldBe(QuickstartProgram.Success, text);
        text.ShouldContain("using the ExpertOption simulator started in this process (127.0.0.1:");
        text.ShouldContain("Balance: 10,000.00");
        text.ShouldContain("3 assets; the best payouts now:");
        text.ShouldContain("     142  EURUSD     EUR/USD          payout  85 %   expiries from 30 s");
        text.ShouldContain("     160  BTCUSD     BTC/USD          payout  76 %   expiries from 30 s");
        CandleLine().Matches(text).Count.ShouldBe(2, text);
        text.ShouldContain("on EURUSD (142) for 30 s.");
        text.ShouldContain("waiting for the result...");
        var result = ResultLine().Match(text);
        result.Success.ShouldBeTrue(text);
        var profit = decimal.Parse(result.Groups["profit"].Value, CultureInfo.InvariantCulture);
        var balance = decimal.Parse(result.Groups["balance"].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
        balance.ShouldBe(10_000m + profit, "the new balance is the old one plus the trade's profit");
        switch (result.Groups["word"].Value)
        {
            case "WIN": profit.ShouldBe(0.85m); break;
            case "LOSS": profit.ShouldBe(-1m); break;
            default: profit.ShouldBe(0m); break;
        }
    }

    [Fact]
    public async Task A_malformed_token_exits_1_with_what_is_wrong_and_without_echoing_it()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        const string pasted = "token=not-really-a-token-at-all";

        var exit = await QuickstartProgram.RunAsync(output, name => name == QuickstartProgram.TokenVariable ? pasted : null, CancellationToken.None).WithSafetyNet(TimeSpan.FromSeconds(20));

        exit.ShouldBe(QuickstartProgram.Failed);
        var text = output.ToString();
        text.ShouldContain("DEMO context");
        text.ShouldContain("EXPERTOPTION_TOKEN is not a valid token: An ExpertOption token is 32 hexadecimal characters");
        text.ShouldNotContain(pasted);
        text.ShouldNotContain("Connected");
    }

    [GeneratedRegex(@"^  \d\d:\d\d:\d\d  open \d+\.\d+  high \d+\.\d+  low \d+\.\d+  close \d+\.\d+", RegexOptions.Multiline)]
    private static partial Regex CandleLine();

    [GeneratedRegex(@"Result: (?<word>WIN|LOSS|DRAW), profit (?<profit>[+-]?\d+\.\d\d); balance now (?<balance>[\d,]+\.\d\d)\.")]
    private static partial Regex ResultLine();
}
