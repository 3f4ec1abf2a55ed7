using System.ComponentModel.DataAnnotations;
using Bourse.Adapters.Cosmos;

namespace Bourse.Adapters.Tests.Cosmos;

public sealed class CosmosLedgerOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones_and_valid()
    {
        var options = new CosmosLedgerOptions();
        Assert.Equal(("ledger-accounts", "ledger-entries", "fee-income"), (options.AccountsContainer, options.EntriesContainer, options.FeeAccountId));
        Assert.Equal((100, 100, 5), (options.RecentEntryCapacity, options.MaxConcurrencyAttempts, options.MaxRetryAttempts));
        Assert.Equal((TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10)), (options.RetryDelay, options.AttemptTimeout));
        options.Validate();
    }

    [Fact]
    public void Out_of_range_settings_are_refused()
    {
        Assert.Throws<ValidationException>(() => new CosmosLedgerOptions { RecentEntryCapacity = 1 }.Validate());
        Assert.Throws<ValidationException>(() => new CosmosLedgerOptions { MaxConcurrencyAttempts = 0 }.Validate());
        Assert.Throws<ValidationException>(() => new CosmosLedgerOptions { FeeAccountId = "" }.Validate());
        Assert.Throws<ValidationException>(() => new CosmosLedgerOptions { AttemptTimeout = TimeSpan.Zero }.Validate());
        Assert.Throws<ValidationException>(() => new CosmosLedgerOptions { RetryDelay = TimeSpan.FromSeconds(-1) }.Validate());
    }
}
