using Protocol.PocketOption.Wire;

namespace Protocol.PocketOption.Account;

/// <summary>
/// The account and the asset list: keeps <see cref="PocketOptionState.Balance"/> and <see cref="PocketOptionState.Assets"/>
/// current, streams every balance update, and lets a caller wait for the first of each after a login.
/// </summary>
[ProtocolModule("pocketoption-account", typeof(PocketOptionState))]
[ModuleStream(typeof(BalanceUpdate), "Balance")]
public sealed partial class AccountModule
{
    [ModuleHandler]
    private void OnBalance(BalanceUpdate update) => Context.State.SetBalance(update.Balance, update.IsDemo is null ? null : update.IsDemo == 1);

    [ModuleHandler]
    private void OnAssets(UpdateAssets update) => Context.State.SetAssets(AssetRows.ToAssets(update.Assets));

    // successauth is the login's business; declared here so it is a known message, not protocol drift.
    [ModuleHandler]
    private static void OnLoggedIn(SuccessAuth accepted)
    {
    }

    [ModuleHandler]
    private static void OnRejected(AuthRejected rejected)
    {
    }

    // Register first, read the state second, then wait: a balance that arrives in between cannot be missed.
    [ModuleWait]
    private static bool BalanceArrived(bool any, BalanceUpdate update) => any;

    [ModuleWait]
    private static bool AssetsArrived(bool any, UpdateAssets update) => any;
}
