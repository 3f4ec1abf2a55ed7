using Bourse.Domain.Risk;

namespace Bourse.Domain.Tests.Support;

/// <summary>Risk subjects for tests: a clean one per channel, varied with <c>with</c>.</summary>
internal static class Subjects
{
    public const string Customer = "C-1";
    public const string Account = "A-1";

    public static RiskSubject Cash(decimal amount, string currency = "CNY", CustomerType customerType = CustomerType.Individual) => new()
    {
        OrderId = "T-100",
        AccountId = Account,
        CustomerId = Customer,
        CustomerType = customerType,
        CustomerName = "Chen Xiaoyu",
        CustomerCountry = "CN",
        Channel = TransactionChannel.Cash,
        Notional = new Money(amount, currency),
    };

    public static RiskSubject Transfer(decimal amount, CustomerType customerType = CustomerType.Individual, bool crossBorder = false, string currency = "CNY") =>
        Cash(amount, currency, customerType) with
        {
            Channel = TransactionChannel.Transfer,
            IsCrossBorder = crossBorder,
            Counterparties = [new Counterparty("Wu Haoran", crossBorder ? "SG" : "CN")],
        };

    public static RiskSubject LimitOrder(decimal price, decimal quantity = 100m, string instrument = "600519", string currency = "CNY") =>
        Cash(price * quantity, currency) with
        {
            OrderId = "O-100",
            Channel = TransactionChannel.SecuritiesOrder,
            InstrumentId = instrument,
            Side = OrderSide.Buy,
            LimitPrice = price,
            Quantity = quantity,
        };

    public static RiskSubject MarketOrder(decimal estimatedNotional, decimal quantity = 100m, string instrument = "600519") =>
        LimitOrder(estimatedNotional / quantity, quantity, instrument) with { LimitPrice = null };
}
