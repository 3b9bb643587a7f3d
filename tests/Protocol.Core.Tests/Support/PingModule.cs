using System.Text;
using System.Text.Json;
using Protocol.Commands;
using Protocol.Connections;
using Protocol.Messaging;
using Protocol.Modules;
using Protocol.Subscriptions;

namespace Protocol.Core.Tests.Support;

// An API module of the shape the generator targets: ping -> pong correlated by id; ticks published to subscribers.
public sealed class PingModule(ModuleContext<TestState> context, PingHandle handle)
    : ApiModule<TestState, PingHandle>(context, handle), IApiModuleDefinition<PingModule, TestState, PingHandle>
{
    public static string ModuleName => "ping";

    public static bool Matches(MessageView message)
        => message.Kind == MessageKind.Action && (message.Name.SequenceEqual("pong"u8) || message.Name.SequenceEqual("tick"u8) || message.Name.SequenceEqual("pingRejected"u8));

    public static PingHandle CreateHandle(CommandChannel commands) => new(commands);

    public static PingModule Create(ModuleContext<TestState> context, PingHandle handle) => new(context, handle);

    protected override async ValueTask OnMessageAsync(MessageLease message, CancellationToken cancellationToken)
    {
        var (isTick, value) = Read(message.View);
        if (isTick)
        {
            await Handle.Ticks.PublishAsync(value, cancellationToken);
            return;
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

public sealed class PingHandle(CommandChannel commands)
{
    public SubscriptionSet<int> Ticks { get; } = new(commands);

    public Task<int> PingAsync(int id, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => commands.ExecuteAsync(new Ping(id), timeout, cancellationToken);

    public Subscription<int> SubscribeTicks(SubscriptionOptions? options = null) => Ticks.Subscribe(options);

    public int Pending => commands.PendingCount;
}
