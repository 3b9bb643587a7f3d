using System.Text;
using Protocol.Generators.Messages;
using Protocol.Generators.Tests.Fixtures;
using Protocol.Generators.Tests.Infrastructure;

namespace Protocol.Generators.Tests;

/// <summary>Declarations that fit real platforms (issue #10): the generated code of Fixtures/DeclarationFixtures.cs.</summary>
public class DeclarationTests
{
    [Fact]
    public void A_request_and_its_response_share_a_wire_name_and_direction_picks_the_contracts()
    {
        typeof(IOutgoingMessage).IsAssignableFrom(typeof(LoadHistoryRequest)).ShouldBeTrue();
        typeof(LoadHistoryRequest).GetInterfaces().ShouldNotContain(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IIncomingMessage<>));
        typeof(IWireReadable<LoadHistoryRequest>).IsAssignableFrom(typeof(LoadHistoryRequest)).ShouldBeTrue();
        typeof(IIncomingMessage<LoadHistoryAnswer>).IsAssignableFrom(typeof(LoadHistoryAnswer)).ShouldBeTrue();
        typeof(IOutgoingMessage).IsAssignableFrom(typeof(LoadHistoryAnswer)).ShouldBeFalse();
        typeof(IWireWritable).IsAssignableFrom(typeof(LoadHistoryAnswer)).ShouldBeTrue();

        LoadHistoryRequest.WireName.ShouldBe(LoadHistoryAnswer.WireName);
        MessageRoundTripTests.Frame(new LoadHistoryRequest { Asset = "EURUSD_otc", Period = 60, Time = 1751906100, Index = 17519061001, Offset = 100 })
            .ShouldBe("""42["loadHistoryPeriod",{"asset":"EURUSD_otc","period":60,"time":1751906100,"index":17519061001,"offset":100}]""");

        // The members are the same either way, so the server side (a simulator) can read the request and write the answer.
        var request = Event("loadHistoryPeriod", """["loadHistoryPeriod",{"asset":"A","period":5,"time":1,"index":2,"offset":3}]""");
        LoadHistoryRequest.Matches(request).ShouldBeTrue();
        LoadHistoryRequest.TryRead(request, out var read).ShouldBeTrue();
        read.Offset.ShouldBe(3);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        new LoadHistoryAnswer { Asset = "A", Index = 2, Period = 5 }.WriteEnvelope(buffer);
        Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe("""42["loadHistoryPeriod",{"asset":"A","index":2,"period":5}]""");
    }

    [Fact]
    public void An_incoming_message_matches_its_name_and_each_alias_and_nothing_else()
    {
        foreach (var name in new[] { "NotAuthorized", "notAuthorized", "auth_error" })
        {
            var view = Event(name, "[\"" + name + "\"]");
            NotAuthorized.Matches(view).ShouldBeTrue(name);
            NotAuthorized.TryRead(view, out _).ShouldBeTrue(name);
        }

        NotAuthorized.Matches(Event("notauthorized", """["notauthorized"]""")).ShouldBeFalse();
        NotAuthorized.Matches(Event("NotAuthorize", """["NotAuthorize"]""")).ShouldBeFalse();
        NotAuthorized.WireName.ShouldBe("NotAuthorized");
        Names<NotAuthorized>().ShouldBe(["notAuthorized", "auth_error"]);

        var answer = Event("loadHistoryPeriodFast", """["loadHistoryPeriodFast",{"asset":"A","index":2,"period":5}]""");
        LoadHistoryAnswer.Matches(answer).ShouldBeTrue();
        LoadHistoryAnswer.TryRead(answer, out var value).ShouldBeTrue();
        value.Index.ShouldBe(2UL);
        Names<LoadHistoryAnswer>().ShouldBe(["loadHistoryPeriodFast"]);

        // Without aliases the interface's default is empty.
        Names<SuccessCloseOrder>().ShouldBeEmpty();
    }

    private static string[] Names<T>()
        where T : IIncomingMessage<T> => T.WireAliasesUtf8.Select(a => Encoding.UTF8.GetString(a)).ToArray();

    internal static MessageView Event(string name, string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        return new(MessageKind.Event, default, Encoding.UTF8.GetBytes(name), bytes, Infrastructure.EventLayout.Of(bytes), default, "/"u8);
    }
}

public class InheritedMemberTests
{
    [Fact]
    public void Inherited_members_are_written_and_read_base_first()
    {
        var request = new LoadHistoryFastRequest { Asset = "EURUSD_otc", Period = 60, Offset = 100, Note = "not on the wire" };
        MessageRoundTripTests.Frame(request).ShouldBe("""42["loadHistoryPeriodFast",{"asset":"EURUSD_otc","period":60,"offset":100}]""");

        var read = MessageRoundTripTests.Read<LoadHistoryFastRequest>("""{"offset":5,"period":30,"asset":"A"}""");
        read.Asset.ShouldBe("A");
        read.Period.ShouldBe(30);
        read.Offset.ShouldBe(5);
        MessageRoundTripTests.TryRead<LoadHistoryFastRequest>("""{"offset":5,"period":30}""", out _).ShouldBeFalse("the inherited asset is required");
    }

    [Fact]
    public void A_generated_base_and_a_generated_derived_type_each_keep_their_shape()
    {
        MessageRoundTripTests.Json(new PriceWithTime { Asset = "A", Price = 1.5m, Time = 7 }).ShouldBe("""{"asset":"A","price":1.5,"time":7}""");
        MessageRoundTripTests.Json(new PriceBase { Asset = "A", Price = 1.5m }).ShouldBe("""{"asset":"A","price":1.5}""");
        MessageRoundTripTests.Read<PriceWithTime>("""{"asset":"A","price":2,"time":3}""").Time.ShouldBe(3);
        PriceBase viaBase = MessageRoundTripTests.Read<PriceWithTime>("""{"asset":"A","price":2,"time":3}""");
        viaBase.Price.ShouldBe(2m);
    }
}

public class InheritedGenerationTests
{
    [Fact]
    public void Members_hidden_or_overridden_lower_down_are_taken_once_and_generated_bases_compile_without_warnings()
    {
        var (_, output, result) = Harness.Run(new MessageGenerator(), Harness.Compile("""
            using Protocol;
            internal class Root { public int X { get; set; } public virtual int Y { get; set; } private int Hidden { get; set; } }
            [WireType] internal partial class Mid : Root { public new string X { get; set; } = ""; public override int Y { get; set; } }
            [ProtocolMessage("m", Aliases = new[] { "m2" })] internal partial class Leaf : Mid { public int Z { get; set; } }
            [ProtocolMessage("n")] internal partial class Leaf2 : Leaf { public int W { get; set; } }
            [ProtocolMessage("o", Aliases = new[] { "o2" })] internal partial class Leaf3 : Leaf2 { }
            """));
        output.ShouldCompileCleanly();
        var leaf2 = result.GeneratedSources.Single(s => s.HintName.StartsWith("Leaf2", StringComparison.Ordinal)).SourceText.ToString();

        // Root.X is hidden by Mid.X (a string): one "x", read as a string; Y once; the private member is no part of the shape.
        leaf2.ShouldContain("writer.WriteString(");
        System.Text.RegularExpressions.Regex.Matches(leaf2, "reader.ValueTextEquals").Count.ShouldBe(4);
        leaf2.ShouldNotContain("Hidden");
        leaf2.ShouldContain("public new const string WireName");
        leaf2.ShouldNotContain("new static global::System.Collections.Generic.IReadOnlyList<byte[]> WireAliasesUtf8");
    }
}

public class AlternativeShapeTests
{
    [Fact]
    public void SuccessCloseOrder_reads_from_the_object_form_or_a_bare_array_of_deals_and_writes_the_object_form()
    {
        var full = MessageRoundTripTests.Read<SuccessCloseOrder>("{\"profit\":\"0.87\",\"deals\":[" + MessageRoundTripTests.DealJson + "]}");
        full.Profit.ShouldBe(0.87m);
        full.Deals.ShouldHaveSingleItem();

        var bare = MessageRoundTripTests.Read<SuccessCloseOrder>("[" + MessageRoundTripTests.DealJson + "," + MessageRoundTripTests.DealJson + "]");
        bare.Profit.ShouldBe(0m);
        bare.Deals.Count.ShouldBe(2);
        bare.Deals[0].Id.ShouldBe("0b4b2a7e-1c1e-4a8f-9a55-3c1f5e8e0e11");
        MessageRoundTripTests.Read<SuccessCloseOrder>("[]").Deals.ShouldBeEmpty();
        MessageRoundTripTests.Json(bare).ShouldStartWith("{\"profit\":0,\"deals\":[{");

        var view = DeclarationTests.Event("successcloseOrder", "[\"successcloseOrder\",[" + MessageRoundTripTests.DealJson + "]]");
        SuccessCloseOrder.TryRead(view, out var viaView).ShouldBeTrue();
        viaView.Deals.ShouldHaveSingleItem();

        // Still strict: a scalar, or a bare array followed by garbage, is refused.
        MessageRoundTripTests.TryRead<SuccessCloseOrder>("\"deals\"", out _).ShouldBeFalse();
        SuccessCloseOrder.TryRead(DeclarationTests.Event("successcloseOrder", "[\"successcloseOrder\",[]]x"), out _).ShouldBeFalse();
    }
}

public class ExtensionDataTests
{
    [Fact]
    public void Unknown_keys_are_kept_and_written_back_after_the_declared_members()
    {
        const string json = """{"session":"s","isDemo":1,"uid":7,"extra":{"a":[1,2.50,"x"]},"meta":{"k":null,"n":1e3},"currentUrl":"cabinet/demo","isDemo":0}""";
        var read = MessageRoundTripTests.Read<AuthWithExtras>(json);
        read.Session.ShouldBe("s");
        read.Extra!.Value.GetProperty("a")[1].GetRawText().ShouldBe("2.50");
        read.Meta!.Keys.ShouldBe(["k", "n"]);
        read.Unknown!.Keys.ShouldBe(["isDemo", "currentUrl"]);
        read.Unknown["isDemo"].GetInt32().ShouldBe(0, "a repeated unknown key: the last wins");

        MessageRoundTripTests.Json(read).ShouldBe("""{"session":"s","uid":7,"extra":{"a":[1,2.50,"x"]},"meta":{"k":null,"n":1e3},"isDemo":0,"currentUrl":"cabinet/demo"}""");
        MessageRoundTripTests.Read<AuthWithExtras>("""{"session":"s","uid":7}""").Unknown.ShouldBeNull();
        MessageRoundTripTests.TryRead<AuthWithExtras>("""{"session":"s","uid":7,"meta":[1]}""", out _).ShouldBeFalse("meta must be an object");
        MessageRoundTripTests.TryRead<AuthWithExtras>("""{"session":"s","uid":7,"x":[1,}""", out _).ShouldBeFalse("malformed extension value");
    }

    [Fact]
    public void An_init_only_extension_member_is_never_null_and_an_unset_JsonElement_writes_null()
    {
        var read = MessageRoundTripTests.Read<Envelope>("""{"data":[true],"id":"9"}""");
        read.Data.GetArrayLength().ShouldBe(1);
        read.Rest["id"].GetString().ShouldBe("9");
        MessageRoundTripTests.Read<Envelope>("""{"data":1}""").Rest.ShouldBeEmpty();
        MessageRoundTripTests.TryRead<Envelope>("""{"id":1}""", out _).ShouldBeFalse("a non-nullable JsonElement is required");
        MessageRoundTripTests.Json(new Envelope()).ShouldBe("""{"data":null}""");
    }
}

public class ListElementTests
{
    [Fact]
    public void Struct_rows_are_read_in_place_and_an_odd_row_leaves_nothing_of_itself_behind()
    {
        // Rows are read straight into the list's storage; a row that fails after some of its members were read (a price that is
        // not a number, a row one member short) must not survive as a row or as part of the next one. 40 rows: past the first
        // inline slot and through two growths of the pooled storage.
        var before = UpdateStream.SkippedElements;
        var rows = new List<string>();
        var expected = new List<StreamTick>();
        for (var i = 0; i < 40; i++)
        {
            switch (i % 3)
            {
                case 0:
                    rows.Add($"[\"ODD{i}\",{i},\"not a price\"]");
                    break;
                case 1:
                    rows.Add($"[\"ODD{i}\",{i}]");
                    break;
                default:
                    rows.Add($"[\"A{i}\",{i}.5,1.{i}]");
                    expected.Add(new StreamTick { Symbol = $"A{i}", Time = i + 0.5, Price = decimal.Parse($"1.{i}", System.Globalization.CultureInfo.InvariantCulture) });
                    break;
            }
        }

        var read = MessageRoundTripTests.Read<UpdateStream>("[" + string.Join(",", rows) + "]");
        read.Ticks.ShouldBe(expected.ToArray());
        (UpdateStream.SkippedElements - before).ShouldBeGreaterThanOrEqualTo(rows.Count - expected.Count); // other tests may skip rows too

        // An odd row last: the list ends with the good row before it.
        MessageRoundTripTests.Read<UpdateStream>("""[["A",1,2],["B",1,"x"]]""").Ticks.ShouldBe([new StreamTick { Symbol = "A", Time = 1, Price = 2 }]);
    }

    [Fact]
    public void One_odd_row_is_skipped_and_counted_and_the_rest_of_the_list_is_kept()
    {
        var before = SuccessCloseOrder.SkippedElements;
        var odd = MessageRoundTripTests.DealJson.Replace("\"uid\":87654321", "\"uid\":\"not a number\"", StringComparison.Ordinal);
        var read = MessageRoundTripTests.Read<SuccessCloseOrder>("{\"profit\":1,\"deals\":[" + MessageRoundTripTests.DealJson + "," + odd + ",1,[{\"x\":[]}]," + MessageRoundTripTests.DealJson + "]}");
        read.Deals.Count.ShouldBe(2);
        read.Profit.ShouldBe(1m);
        (SuccessCloseOrder.SkippedElements - before).ShouldBeGreaterThanOrEqualTo(3); // other tests may skip rows of this type concurrently

        // A damaged frame is not an odd row: a lone surrogate in a row, or a row cut off, fails the whole value.
        var cut = MessageRoundTripTests.DealJson.Replace("\"asset\":\"EURUSD_otc\"", "\"asset\":\"EURUSD\\ud83d\"", StringComparison.Ordinal);
        MessageRoundTripTests.TryRead<SuccessCloseOrder>("{\"profit\":1,\"deals\":[" + cut + "]}", out _).ShouldBeFalse();
        MessageRoundTripTests.TryRead<SuccessCloseOrder>("{\"profit\":1,\"deals\":[{\"id\":1", out _).ShouldBeFalse();

        // The rest of an odd row is still checked as it is passed over: damage after the member that did not read fails the value too.
        var oddThenDamaged = odd.Replace("\"asset\":\"EURUSD_otc\"", "\"asset\":\"EURUSD\\ud83d\"", StringComparison.Ordinal);
        oddThenDamaged.ShouldNotBe(odd);
        MessageRoundTripTests.TryRead<SuccessCloseOrder>("{\"profit\":1,\"deals\":[" + oddThenDamaged + "," + MessageRoundTripTests.DealJson + "]}", out _).ShouldBeFalse();
        MessageRoundTripTests.TryRead<SuccessCloseOrder>("{\"profit\":1,\"deals\":[" + odd + "," + MessageRoundTripTests.DealJson, out _).ShouldBeFalse();

        // Scalar elements are not rows: one that does not read still fails the value.
        MessageRoundTripTests.TryRead<ChangeSymbolList>("""{"periods":[1,"x"]}""", out _).ShouldBeFalse();
    }
}

public class DecimalFormatTests
{
    [Theory]
    [InlineData("5000", """{"asIs":5000,"trimmed":5000,"oneDecimal":5000.0,"asString":"5000.0","list":[5000]}""")]
    [InlineData("5000.00", """{"asIs":5000.00,"trimmed":5000,"oneDecimal":5000.00,"asString":"5000.00","list":[5000]}""")]
    [InlineData("1.50", """{"asIs":1.50,"trimmed":1.5,"oneDecimal":1.50,"asString":"1.50","list":[1.5]}""")]
    [InlineData("-0.000", """{"asIs":0.000,"trimmed":0,"oneDecimal":0.000,"asString":"0.000","list":[0]}""")]
    public void Each_member_writes_the_digits_it_declares_and_reads_back_the_same_value(string text, string expected)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var amounts = new Amounts { AsIs = value, Trimmed = value, OneDecimal = value, AsString = value, List = [value] };
        var json = MessageRoundTripTests.Json(amounts);
        json.ShouldBe(expected);
        var back = MessageRoundTripTests.Read<Amounts>(json);
        back.Trimmed.ShouldBe(value);
        back.OneDecimal.ShouldBe(value);
        back.AsString.ShouldBe(value);
    }

    [Fact]
    public void A_repeated_key_the_last_one_wins()
    {
        MessageRoundTripTests.Read<Amounts>("""{"asIs":1,"trimmed":2,"oneDecimal":3,"list":[],"asIs":4}""").AsIs.ShouldBe(4m);
    }
}

public class StrictEnumTests
{
    [Fact]
    public void Undefined_enum_numbers_are_refused_unless_the_member_or_enum_opts_in()
    {
        MessageRoundTripTests.Read<EnumRow>("""{"side":1,"sides":[0,"put"]}""").Sides.ShouldBe([Side.Call, Side.Put]);
        MessageRoundTripTests.TryRead<EnumRow>("""{"side":2}""", out _).ShouldBeFalse();
        MessageRoundTripTests.TryRead<EnumRow>("""{"sides":[0,7]}""", out _).ShouldBeFalse("a scalar element that does not read fails the value");
        MessageRoundTripTests.Read<EnumRow>("""{"lenient":7}""").Lenient.ShouldBe((Side)7);
        MessageRoundTripTests.Read<EnumRow>("""{"features":3}""").Features.ShouldBe(Features.A | Features.B);
        MessageRoundTripTests.Read<EnumRow>("""{"code":42}""").Code.ShouldBe((OpenCode)42);
        MessageRoundTripTests.Json(new EnumRow { Lenient = (Side)7 }).ShouldContain("\"lenient\":7");
    }
}

public class NonFiniteTests
{
    [Fact]
    public void Non_finite_numbers_are_refused_unless_the_member_opts_in_and_then_round_trip_as_named_literals()
    {
        MessageRoundTripTests.TryRead<Rates>("""{"strict":1e999}""", out _).ShouldBeFalse();
        MessageRoundTripTests.TryRead<Rates>("""{"strict":"NaN"}""", out _).ShouldBeFalse();

        var read = MessageRoundTripTests.Read<Rates>("""{"open":1e999,"openAsString":"-Infinity","series":[1.5,"NaN",-1e999]}""");
        double.IsPositiveInfinity(read.Open).ShouldBeTrue();
        float.IsNegativeInfinity(read.OpenAsString).ShouldBeTrue();
        double.IsNaN(read.Series[1]).ShouldBeTrue();
        double.IsNegativeInfinity(read.Series[2]).ShouldBeTrue();
        MessageRoundTripTests.Json(read).ShouldBe("""{"strict":0,"open":"Infinity","openAsString":"-Infinity","series":[1.5,"NaN","-Infinity"]}""");
        MessageRoundTripTests.Json(new Rates { Open = 2.5, OpenAsString = 1.5f }).ShouldBe("""{"strict":0,"open":2.5,"openAsString":"1.5","series":[]}""");
    }
}
