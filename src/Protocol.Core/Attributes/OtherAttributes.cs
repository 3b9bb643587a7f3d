namespace Protocol;

/// <summary>
/// Generates region constants on a <c>static partial</c> class from a JSON AdditionalFile (an array of
/// <c>{"name","url","latitude","longitude","demo"}</c> objects): one <see cref="Protocol.Region"/> property and one URL
/// constant per region, plus <c>All</c>, <c>Demo</c> and <c>Real</c> lists in file order.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProtocolRegionsAttribute : Attribute
{
    /// <summary>Declares the regions file.</summary>
    /// <param name="fileName">The AdditionalFile's name, e.g. <c>regions.json</c> (matched against the end of its path).</param>
    public ProtocolRegionsAttribute(string fileName) => FileName = fileName;

    /// <summary>The AdditionalFile's name.</summary>
    public string FileName { get; }
}

/// <summary>
/// Declares a timeout for an async method named <c>XxxCoreAsync(…, CancellationToken)</c> in a <c>partial</c> type: the generator adds
/// <c>XxxAsync(…, CancellationToken)</c>, which cancels the core call after the timeout and throws
/// <see cref="Protocol.OperationTimeoutException"/> naming the operation.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ProtocolTimeoutAttribute : Attribute
{
    /// <summary>Declares the timeout.</summary>
    /// <param name="milliseconds">The timeout in milliseconds; must be positive.</param>
    public ProtocolTimeoutAttribute(int milliseconds) => Milliseconds = milliseconds;

    /// <summary>The timeout in milliseconds.</summary>
    public int Milliseconds { get; }

    /// <summary>The operation name the error reports (default: the wrapper's name without <c>Async</c>).</summary>
    public string? Operation { get; set; }

    /// <summary>
    /// The name of a <see cref="TimeProvider"/> field or property on the type that times the operation (default
    /// <see cref="TimeProvider.System"/>); tests pass a fake clock this way.
    /// </summary>
    public string? TimeProvider { get; set; }
}

/// <summary>
/// Marks a <c>partial</c> class of settable properties as a configuration type. Property initializers are the defaults. The generator
/// adds a nested <c>Builder</c> (fluent setters, <c>Build()</c> that validates), <c>Validate()</c> returning errors that name the field,
/// <c>FromJson</c>, and, when the consumer references Microsoft.Extensions.Configuration / Options, <c>Bind(IConfiguration)</c> and an
/// <c>IValidateOptions</c> implementation.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProtocolConfigurationAttribute : Attribute
{
}

/// <summary>Validation: a numeric or <see cref="TimeSpan"/> (in seconds) setting must lie in [<see cref="Minimum"/>, <see cref="Maximum"/>].</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ConfigRangeAttribute : Attribute
{
    /// <summary>Declares the range.</summary>
    /// <param name="minimum">The smallest valid value (seconds for a <see cref="TimeSpan"/>).</param>
    /// <param name="maximum">The largest valid value (seconds for a <see cref="TimeSpan"/>).</param>
    public ConfigRangeAttribute(double minimum, double maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The smallest valid value.</summary>
    public double Minimum { get; }

    /// <summary>The largest valid value.</summary>
    public double Maximum { get; }
}

/// <summary>Validation: a string setting must not be empty, a list must have at least one element.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ConfigRequiredAttribute : Attribute
{
}
