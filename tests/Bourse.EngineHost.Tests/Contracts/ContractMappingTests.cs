using Bourse.Engine.Matching;
using Bourse.EngineHost.Contracts;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.Contracts;

public sealed class ContractMappingTests
{
    /// <summary>The host's own reject reasons (100 and up in the contract): decided before a command reaches the engine.</summary>
    private static readonly V1.RejectReason[] HostRejectReasons =
    [
        V1.RejectReason.UnknownInstrument,
        V1.RejectReason.UnknownAccount,
        V1.RejectReason.Throttled,
        V1.RejectReason.ShuttingDown,
        V1.RejectReason.InvalidRequest,
        V1.RejectReason.ClientIdReused,
    ];

    [Fact]
    public void Every_engine_reject_reason_maps_to_the_contract_value_of_the_same_name_and_number()
    {
        Assert.All(Enum.GetValues<RejectReason>().Where(r => r != RejectReason.None), reason =>
        {
            var mapped = ContractMapping.ToContract(reason);

            Assert.Equal(reason.ToString(), mapped.ToString());
            Assert.Equal((int)reason, (int)mapped);
        });
        Assert.Equal(V1.RejectReason.Unspecified, ContractMapping.ToContract(RejectReason.None));
    }

    [Fact]
    public void Every_contract_reject_reason_is_an_engine_reason_or_a_host_reason()
    {
        var fromEngine = Enum.GetValues<RejectReason>().Select(ContractMapping.ToContract).ToHashSet();

        var unaccounted = Enum.GetValues<V1.RejectReason>().Where(r => !fromEngine.Contains(r) && !HostRejectReasons.Contains(r));

        Assert.Empty(unaccounted);
        Assert.All(HostRejectReasons, r => Assert.InRange((int)r, 100, int.MaxValue));
        Assert.All(fromEngine, r => Assert.InRange((int)r, 0, 99));
    }

    [Fact]
    public void Every_engine_cancel_reason_maps_to_the_contract_value_of_the_same_name_and_number()
    {
        Assert.All(Enum.GetValues<CancelReason>().Where(r => r != CancelReason.None), reason =>
        {
            var mapped = ContractMapping.ToContract(reason);

            Assert.Equal(reason.ToString(), mapped.ToString());
            Assert.Equal((int)reason, (int)mapped);
        });
        Assert.Equal(V1.CancelReason.Unspecified, ContractMapping.ToContract(CancelReason.None));
    }

    [Fact]
    public void Every_contract_cancel_reason_is_an_engine_reason()
    {
        var fromEngine = Enum.GetValues<CancelReason>().Select(ContractMapping.ToContract).ToHashSet();

        Assert.Subset(fromEngine, Enum.GetValues<V1.CancelReason>().ToHashSet());
    }

    [Fact]
    public void Sides_round_trip_and_unspecified_or_unknown_is_refused()
    {
        Assert.All(Enum.GetValues<Side>(), side =>
        {
            Assert.True(ContractMapping.TryToEngine(ContractMapping.ToContract(side), out var back));
            Assert.Equal(side, back);
        });
        Assert.Equal(V1.Side.Buy, ContractMapping.ToContract(Side.Buy));
        Assert.Equal(V1.Side.Sell, ContractMapping.ToContract(Side.Sell));
        Assert.False(ContractMapping.TryToEngine(V1.Side.Unspecified, out _));
        Assert.False(ContractMapping.TryToEngine((V1.Side)3, out _));
        Assert.Equal(Enum.GetValues<Side>().Length, Enum.GetValues<V1.Side>().Length - 1);
    }

    [Fact]
    public void Times_in_force_round_trip_and_unspecified_or_unknown_is_refused()
    {
        Assert.All(Enum.GetValues<TimeInForce>(), timeInForce =>
        {
            var mapped = ContractMapping.ToContract(timeInForce);

            Assert.NotEqual(V1.TimeInForce.Unspecified, mapped);
            Assert.True(ContractMapping.TryToEngine(mapped, out var back));
            Assert.Equal(timeInForce, back);
        });
        Assert.Equal(V1.TimeInForce.PostOnly, ContractMapping.ToContract(TimeInForce.Post));
        Assert.False(ContractMapping.TryToEngine(V1.TimeInForce.Unspecified, out _));
        Assert.False(ContractMapping.TryToEngine((V1.TimeInForce)99, out _));
        Assert.Equal(Enum.GetValues<TimeInForce>().Length, Enum.GetValues<V1.TimeInForce>().Length - 1);
    }

    [Fact]
    public void Order_types_are_the_new_order_commands()
    {
        Assert.True(ContractMapping.TryToCommandType(V1.OrderType.Limit, out var limit));
        Assert.Equal(CommandType.NewOrder, limit);
        Assert.True(ContractMapping.TryToCommandType(V1.OrderType.Market, out var market));
        Assert.Equal(CommandType.Market, market);
        Assert.False(ContractMapping.TryToCommandType(V1.OrderType.Unspecified, out _));
        Assert.Equal(V1.OrderType.Limit, ContractMapping.ToOrderType(CommandType.NewOrder));
        Assert.Equal(V1.OrderType.Market, ContractMapping.ToOrderType(CommandType.Market));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.ToOrderType(CommandType.Cancel));
    }

    [Fact]
    public void Every_command_type_has_a_request_kind()
    {
        Assert.All(Enum.GetValues<CommandType>(), type => ContractMapping.ToRequestKind(type));
        Assert.Equal(V1.RequestKind.NewOrder, ContractMapping.ToRequestKind(CommandType.Market));
        Assert.Equal(V1.RequestKind.Cancel, ContractMapping.ToRequestKind(CommandType.Cancel));
        Assert.Equal(V1.RequestKind.Replace, ContractMapping.ToRequestKind(CommandType.Replace));
        Assert.Equal(V1.RequestKind.Unspecified, ContractMapping.ToRequestKind(CommandType.EndOfSession));
    }

    [Fact]
    public void A_value_the_engine_does_not_define_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.ToContract((RejectReason)200));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.ToContract((CancelReason)200));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.ToContract((Side)2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.ToContract((TimeInForce)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.ToRequestKind((CommandType)9));
    }
}
