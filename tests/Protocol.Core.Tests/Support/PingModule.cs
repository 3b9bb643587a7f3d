using System.Text;
using System.Text.Json;
using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Support;

// A hand-written API module with a rule of its own (the extension point beside generated modules): ping -> pong
// correlated by id in its inbox; ticks published to subscribers. Register with PingModule.Register.
public sealed class PingModule(ModuleContext<TestState> context, PingApi api)
    : ApiModule<TestState, PingApi>(context, api)
{
    public static global::Protocol.ClientBuilder<TestState> Register(global::Protocol.ClientBuilder<TestState> builder)
        => builder.AddModule<PingApi>(ModuleName, Validator.Custom(Matches), CreateApi, Create);

    public static string ModuleName => "ping";

    public static bool Matches(MessageView message)
        => message.Kind == MessageKind.Action && (message.Name.SequenceEqual("pong"u8) || message.Name.SequenceEqual("tick"u8) || message.Name.SequenceEqual("pingRejected"u8));

    public static PingApi CreateApi(CommandChannel commands) => new(commands);

    public static PingModule Create(ModuleContext<TestState> context, PingApi api) => new(context, api);

    protected override ValueTask OnMessageAsync(MessageLease message, CancellationToken cancellationToken)
    {
        var (isTick, value) = Read(message.View);
        if (isTick)
        {
            Api.Ticks.Publish(value);
            return ValueTask.CompletedTask;
        }

        if (Context.Commands.TryGetPending<Ping>(p => p.Id == value, out var ping))
        {
            if (message.View.Name.SequenceEqual("pingRejected"u8))
            {
                ping.TryFail(new CommandRejectedException(ping.CommandName, "refused by test"));
            }
            else
            {
                ping.TryComplete(value);
            }
        }

        return ValueTask.CompletedTask;
    }

    protected override async ValueTask OnCommandAsync(ModuleCommand command, CancellationToken cancellationToken)
    {
        var ping = (Ping)command;
        await Context.SendAsync(ping, OutgoingMessage.Text($$"""{"action":"ping","id":{{ping.Id}}}"""), cancellationToken);
    }

    private static (bool IsTick, int Value) Read(MessageView view)
    {
        var reader = new Utf8JsonReader(view.Payload);
        reader.Read();
        var value = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("value"u8);
            reader.Read();
            if (isValue)
            {
                value = reader.GetInt32();
            }
        }

        return (view.Name.SequenceEqual("tick"u8), value);
    }
}

public sealed class Ping(int id) : Command<int>
{
    public int Id { get; } = id;
}

public sealed class PingApi(CommandChannel commands)
{
    public SubscriptionSet<int> Ticks { get; } = new(commands);

    public Task<int> PingAsync(int id, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => commands.ExecuteAsync(new Ping(id), timeout, cancellationToken);

    public Subscription<int> SubscribeTicks(SubscriptionOptions? options = null) => Ticks.Subscribe(options);

    public int Pending => commands.PendingCount;
}

public static class PingModuleRegistration
{
    public static global::Protocol.ClientBuilder<TestState> AddPingModule(this global::Protocol.ClientBuilder<TestState> builder) => PingModule.Register(builder);
}
