using System.Text;

namespace Protocol.Core.Tests.Validators;

public sealed class ValidatorTests
{
    private const string Frame = """42["successopenOrder",{"id":"abc","amount":10}]""";

    [Theory]
    [InlineData("42[\"successopenOrder\"", true)]
    [InlineData("451-", false)]
    public void Starts_with(string prefix, bool expected) => Check(Validator.StartsWith(prefix), expected);

    [Theory]
    [InlineData("10}]", true)]
    [InlineData("11}]", false)]
    public void Ends_with(string suffix, bool expected) => Check(Validator.EndsWith(suffix), expected);

    [Theory]
    [InlineData("\"id\":\"abc\"", true)]
    [InlineData("failopenOrder", false)]
    public void Contains(string fragment, bool expected) => Check(Validator.Contains(fragment), expected);

    [Theory]
    [InlineData("""successopenOrder.*"amount":\d+""", true)]
    [InlineData("""^successopenOrder""", false)]
    public void Regex_is_unanchored_unless_anchored(string pattern, bool expected) => Check(Validator.Regex(pattern), expected);

    [Fact]
    public void A_regex_that_overruns_its_match_timeout_counts_as_no_match()
    {
        var frame = Encoding.UTF8.GetBytes(new string('a', 30_000) + "!");
        var catastrophic = Validator.Regex("^(a+)+$", TimeSpan.FromMilliseconds(1));
        catastrophic.IsMatch(new MessageView(MessageKind.Raw, frame, default, frame)).ShouldBeFalse();
    }

    [Fact]
    public void Not_all_any_and_operators_combine()
    {
        var order = Validator.Contains("openOrder");
        var success = Validator.StartsWith("42[\"success");
        var binary = Validator.StartsWith("451-");
        Check(Validator.Not(binary), true);
        Check(!order, false);
        Check(Validator.All(order, success), true);
        Check(Validator.All(order, binary), false);
        Check(Validator.All(), true);
        Check(Validator.Any(binary, success), true);
        Check(Validator.Any(), false);
        Check(order & !binary, true);
        Check(binary | order, true);
    }

    [Fact]
    public void Custom_sees_the_whole_view()
    {
        Check(Validator.Custom(m => m.Kind == MessageKind.Event && m.Name.SequenceEqual("successopenOrder"u8)), true);
        Check(Validator.Custom(m => m.HasCorrelationId), false);
        Check(Validator.Always, true);
    }

    private static void Check(Validator validator, bool expected)
    {
        var raw = Encoding.UTF8.GetBytes(Frame);
        var view = new MessageView(MessageKind.Event, raw, "successopenOrder"u8, raw.AsSpan(2), [], scope: "/"u8);
        validator.IsMatch(view).ShouldBe(expected, validator.ToString());
    }
}
