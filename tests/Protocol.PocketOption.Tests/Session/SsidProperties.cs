using CsCheck;
using Protocol.PocketOption.Session;
using Protocol.Tests.Properties;
using static Protocol.PocketOption.Tests.Session.SsidSamples;

namespace Protocol.PocketOption.Tests.Session;

public sealed class SsidProperties
{
    private static readonly string[] Seeds = [DemoFrame, DemoObject, RealFrame(true), RealFrame(false), $"{{session:{DemoToken},isDemo:1,uid:{Uid}}}"];

    // A valid SSID with a few characters deleted, replaced or inserted: what a bad copy and paste produces.
    private static readonly Gen<string> Damaged =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, 2], Gen.Int[0, 10_000], Gen.Char["{}[]\",:'\\ a1"]).Array[1, 4])
            .Select(c =>
            {
                var text = new System.Text.StringBuilder(Seeds[c.Item1]);
                foreach (var (kind, at, ch) in c.Item2)
                {
                    var i = at % (text.Length + 1);
                    if (kind == 0 && i < text.Length) text.Remove(i, 1);
                    else if (kind == 1 && i < text.Length) text[i] = ch;
                    else text.Insert(i, ch);
                }
                return text.ToString();
            });

    // Short texts from the SSID grammar's own characters: the paths between the checks.
    private static readonly Gen<string> Fragments = Gen.String[Gen.Char["42[]{}\"',: auth\\sion"], 0, 24];

    [Fact]
    public void Any_text_is_parsed_or_refused_with_an_SsidFormatException()
        => Property.ForAll(Fragments, "0000000ssidf2", 20_000, text =>
        {
            try
            {
                Ssid.Parse(text).AuthFrame.ShouldStartWith("42[\"auth\",{");
            }
            catch (SsidFormatException ex)
            {
                ex.Message.ShouldContain("Copy the SSID again");
            }
        }, text => $"\"{text}\"");

    [Fact]
    public void A_damaged_ssid_is_parsed_or_refused_with_a_message_that_prints_no_secret()
        => Property.ForAll(Damaged, "0000000ssidq1", 5_000, text =>
        {
            try
            {
                var ssid = Ssid.Parse(text);
                foreach (var secret in Secrets) ssid.ToString().ShouldNotContain(secret, Case.Insensitive);
                ssid.AuthFrame.ShouldStartWith("42[\"auth\",{");
            }
            catch (SsidFormatException ex)
            {
                foreach (var secret in Secrets) ex.ToString().ShouldNotContain(secret, Case.Insensitive);
            }
        });
}
