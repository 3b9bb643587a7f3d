using Protocol.Generators.Configuration;
using Protocol.Generators.Messages;
using Protocol.Generators.Regions;
using Protocol.Generators.Tests.Infrastructure;
using Protocol.Generators.Timeouts;

namespace Protocol.Generators.Tests;

/// <summary>
/// The generators' output checked by Microsoft.CodeAnalysis.Testing against the same baselines the driver tests use: exactly those files,
/// compiling without a warning against the net10.0 reference assemblies with XML documentation checked.
/// </summary>
public class GeneratedSourceTests
{
    [Fact]
    public Task Json_action_messages() =>
        new ProtocolGeneratorTest<MessageGenerator>("JsonAction") { TestCode = MessageGeneratorTests.JsonActionSource }.RunAsync();

    [Fact]
    public Task PocketOption_messages()
    {
        var test = new ProtocolGeneratorTest<MessageGenerator>("PocketOption") { TestCode = MessageGeneratorTests.FixtureSource() };

        // The fixture file is test code without XML docs, so CS1591 is off here; the other tests keep it on for generated code.
        test.DisabledDiagnostics.Add("CS1591");
        return test.RunAsync();
    }

    [Fact]
    public Task Regions_from_an_additional_file()
    {
        var test = new ProtocolGeneratorTest<RegionsGenerator>("Regions") { TestCode = OtherGeneratorTests.RegionsSource };
        test.TestState.AdditionalFiles.Add(("/r/regions.json", OtherGeneratorTests.RegionsJson));
        return test.RunAsync();
    }

    [Fact]
    public Task Timeouts() =>
        new ProtocolGeneratorTest<TimeoutGenerator>("Timeouts") { TestCode = OtherGeneratorTests.TimeoutSource }.RunAsync();

    [Fact]
    public Task Configuration()
    {
        var test = new ProtocolGeneratorTest<ConfigurationGenerator>("Configuration") { TestCode = OtherGeneratorTests.ConfigurationSource };
        test.TestState.AdditionalReferences.Add(typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly);
        test.TestState.AdditionalReferences.Add(typeof(Microsoft.Extensions.Options.IValidateOptions<>).Assembly);
        return test.RunAsync();
    }
}
