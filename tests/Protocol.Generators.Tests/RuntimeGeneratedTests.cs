using Microsoft.Extensions.Configuration;
using Protocol.Generators.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Protocol.Generators.Tests;

/// <summary>The code the generators produced for this project's fixtures, exercised at run time.</summary>
public class RuntimeGeneratedTests
{
    [Fact]
    public void Regions_come_from_the_repository_regions_json_in_file_order()
    {
        PocketOptionRegions.All.Select(r => r.Name).ShouldBe(["RUSSIA_MOSCOW", "RUSSIA_SPB", "EUROPE", "US_SOUTH", "DEMO"]);
        PocketOptionRegions.DemoRegions.ShouldBe([PocketOptionRegions.Demo]);
        PocketOptionRegions.RealRegions.Count.ShouldBe(4);
        PocketOptionRegions.EuropeUrl.ShouldBe("wss://api-eu.po.market/socket.io/?EIO=4&transport=websocket");
        (PocketOptionRegions.UsSouthLatitude, PocketOptionRegions.UsSouthLongitude).ShouldBe((32.7767, -96.797));
        PocketOptionRegions.Demo.IsDemo.ShouldBeTrue();
    }

    [Fact]
    public async Task Timeout_wrapper_throws_a_typed_error_naming_the_operation()
    {
        var clock = new FakeTimeProvider();
        var ops = new TimedOperations(clock);

        var fast = ops.FetchAsync("EURUSD", TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        (await fast).ShouldBe("EURUSD");

        var slow = ops.FetchAsync("EURUSD", TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(5));
        var error = await Should.ThrowAsync<OperationTimeoutException>(slow);
        error.Operation.ShouldBe("Fetch");
        error.Timeout.ShouldBe(TimeSpan.FromSeconds(5));
        error.Message.ShouldContain("'Fetch'");

        // A token that ignores cancellation still times out (the wrapper does not wait for it).
        var ping = ops.PingAsync(new TaskCompletionSource());
        clock.Advance(TimeSpan.FromSeconds(1));
        (await Should.ThrowAsync<OperationTimeoutException>(ping.AsTask())).Operation.ShouldBe("Ping");

        // The caller's own cancellation is cancellation, not a timeout.
        using var cts = new CancellationTokenSource();
        var cancelled = ops.FetchAsync("X", TimeSpan.FromSeconds(10), cts.Token);
        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(cancelled);
    }

    [Fact]
    public void Configuration_builder_has_defaults_and_validation_names_the_field()
    {
        var defaults = PocketOptionConfig.CreateBuilder().Build();
        (defaults.MaxAllowedLoops, defaults.ReconnectTime, defaults.ConnectionInitializationTimeout).ShouldBe((100, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60)));

        var built = PocketOptionConfig.CreateBuilder().WithMaxAllowedLoops(3).WithUrls(["wss://a"]).Build();
        built.MaxAllowedLoops.ShouldBe(3);
        built.Urls.ShouldBe(["wss://a"]);

        var error = Should.Throw<ConfigurationValidationException>(() =>
            PocketOptionConfig.CreateBuilder().WithReconnectTime(TimeSpan.Zero).WithUserAgent(" ").Build());
        error.Errors.ShouldBe(["ReconnectTime must be between 1 and 3600 seconds, but is 0.", "UserAgent is required."]);
        error.Message.ShouldContain("PocketOptionConfig");
    }

    [Fact]
    public void Configuration_reads_json_with_snake_case_keys_and_reports_bad_values_by_field()
    {
        var config = PocketOptionConfig.FromJson("""
            { "max_allowed_loops": 7, "reconnect_time": 2.5, "connectionInitializationTimeout": "00:00:30",
              "urls": ["wss://a", "wss://b"], "log_level": "warning", "proxy": "http://127.0.0.1:8080", "unknown": {"x": 1} }
            """);
        config.MaxAllowedLoops.ShouldBe(7);
        config.ReconnectTime.ShouldBe(TimeSpan.FromSeconds(2.5));
        config.ConnectionInitializationTimeout.ShouldBe(TimeSpan.FromSeconds(30));
        config.Urls.ShouldBe(["wss://a", "wss://b"]);
        config.LogLevel.ShouldBe(LogLevel.Warning);
        config.Proxy.ShouldBe(new Uri("http://127.0.0.1:8080"));

        var error = Should.Throw<ConfigurationValidationException>(() => PocketOptionConfig.FromJson("""{"max_allowed_loops":"many","log_level":"loud","urls":"x","reconnect_time":0}"""));
        error.Errors.ShouldBe([
            "MaxAllowedLoops: 'many' is not a valid Int32.",
            "LogLevel: 'loud' is not a valid value of the enum.",
            "ReconnectTime must be between 1 and 3600 seconds, but is 0.",
        ]);
        Should.Throw<ConfigurationValidationException>(() => PocketOptionConfig.FromJson("[1]")).Errors.Single().ShouldContain("object");
    }

    [Theory]
    [InlineData("""{"user_agent":"\ud800"}""")]
    [InlineData("""{"\udc00":1}""")]
    [InlineData("""{"urls":["wss://a","\ud83d"]}""")]
    public void Configuration_json_with_a_lone_surrogate_is_a_validation_error_not_a_crash(string json)
    {
        // Found while auditing readers for issue #8: Utf8JsonReader.GetString throws InvalidOperationException on such text.
        Should.Throw<ConfigurationValidationException>(() => PocketOptionConfig.FromJson(json)).Errors.ShouldContain(e => e.Contains("not valid text", StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_binds_from_IConfiguration_and_validates_options()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PocketOption:MaxAllowedLoops"] = "12",
            ["PocketOption:ReconnectTime"] = "00:00:03",
            ["PocketOption:Urls:0"] = "wss://one",
            ["PocketOption:Urls:1"] = "wss://two",
        }).Build().GetSection("PocketOption");
        var config = PocketOptionConfig.FromConfiguration(section);
        (config.MaxAllowedLoops, config.ReconnectTime).ShouldBe((12, TimeSpan.FromSeconds(3)));
        config.Urls.ShouldBe(["wss://one", "wss://two"]);

        var options = new PocketOptionConfig { MaxAllowedLoops = -1 };
        var result = new PocketOptionConfig.OptionsValidator().Validate(null, options);
        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("MaxAllowedLoops must be between 0 and 10000");
        new PocketOptionConfig.OptionsValidator().Validate(null, new PocketOptionConfig()).Succeeded.ShouldBeTrue();
    }
}
