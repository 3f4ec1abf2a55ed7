using Bourse.Domain.Risk.Ports;

namespace Bourse.Domain.Tests.Support;

/// <summary>An in-memory <see cref="IAccountExposureSource"/>: a fixed exposure per account and currency (zero if unset).</summary>
internal sealed class InMemoryExposures : IAccountExposureSource
{
    private readonly Dictionary<(string Account, string Currency), AccountExposure> _exposures = [];

    public (string AccountId, DateOnly BusinessDay, string Currency, string ExcludingOrderId)? LastQuery { get; private set; }

    public void Set(string accountId, AccountExposure exposure) => _exposures[(accountId, exposure.Executed.Currency)] = exposure;

    public void SetRaw(string accountId, string currency, AccountExposure exposure) => _exposures[(accountId, currency)] = exposure;

    public ValueTask<AccountExposure> GetDailyExposureAsync(
        string accountId, DateOnly businessDay, string currency, string excludingOrderId, CancellationToken cancellationToken = default)
    {
        LastQuery = (accountId, businessDay, currency, excludingOrderId);
        AccountExposure exposure = _exposures.TryGetValue((accountId, currency), out AccountExposure? found)
            ? found
            : new AccountExposure(new Money(0m, currency), new Money(0m, currency));
        return ValueTask.FromResult(exposure);
    }
}
