using System.Text.Json;
using Protocol.PocketOption.Session;
using Protocol.PocketOption.Wire;

namespace Protocol.PocketOption.Tests.Wire;

// The exact text frames of pocketoption.md §3.1.
public sealed class OutgoingMessageTests
{
    [Fact]
    public void The_post_login_burst_and_the_keep_alive_carry_no_argument()
    {
        Frames.Write(new AssetsLoad()).ShouldBe("""42["assets/load"]""");
        Frames.Write(new IndicatorLoad()).ShouldBe("""42["indicator/load"]""");
        Frames.Write(new FavoriteLoad()).ShouldBe("""42["favorite/load"]""");
        Frames.Write(new PriceAlertLoad()).ShouldBe("""42["price-alert/load"]""");
        Frames.Write(new GetBalance()).ShouldBe("""42["getBalance"]""");
        Frames.Write(new KeepAlive()).ShouldBe("""42["ps"]""");
    }

    [Fact]
    public void ChangeSymbol_subfor_and_loadHistoryPeriod_have_the_web_clients_shape()
    {
        Frames.Write(new ChangeSymbol { Asset = "EURUSD_otc", Period = 60 }).ShouldBe("""42["changeSymbol",{"asset":"EURUSD_otc","period":60}]""");
        Frames.Write(new SubscribeFor { Asset = "EURUSD_otc" }).ShouldBe("""42["subfor","EURUSD_otc"]""");
        Frames.Write(new LoadHistoryPeriod { Asset = "EURUSD_otc", Period = 60, Time = 1770856131, Index = 4, Offset = 6000 })
            .ShouldBe("""42["loadHistoryPeriod",{"asset":"EURUSD_otc","period":60,"time":1770856131,"index":4,"offset":6000}]""");
    }

    [Fact]
    public void Auth_sends_the_ssids_object_with_every_key_and_never_prints_it()
    {
        var ssid = Ssid.Parse("""42["auth",{"session":"abcdefghij0123","isDemo":1,"uid":91,"platform":2,"isFastHistory":true,"isOptimized":true}]""");
        var auth = Auth.From(ssid);
        var frame = Frames.Write(auth);
        frame.ShouldStartWith("""42["auth",""");
        using var sent = JsonDocument.Parse(frame[2..]);
        using var expected = JsonDocument.Parse(ssid.AuthFrame[2..]);
        JsonElement.DeepEquals(sent.RootElement, expected.RootElement).ShouldBeTrue(frame);
        auth.ToString().ShouldNotContain("abcdefghij0123");
    }
}
