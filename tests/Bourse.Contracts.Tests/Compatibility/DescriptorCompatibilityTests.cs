using Google.Protobuf.Reflection;
using Label = Google.Protobuf.Reflection.FieldDescriptorProto.Types.Label;
using Type = Google.Protobuf.Reflection.FieldDescriptorProto.Types.Type;

namespace Bourse.Contracts.Tests.Compatibility;

/// <summary>
/// The checker itself: each test clones the released descriptors, makes one change as a developer would in a .proto
/// file, and asserts what the checker says about it.
/// </summary>
public sealed class DescriptorCompatibilityTests
{
    private const string Package = "bourse.engine.v1";

    private readonly IReadOnlyList<FileDescriptorProto> _released = [.. ContractDescriptors.LoadReleased().File];

    [Fact]
    public void Unchanged_contracts_pass()
    {
        Assert.Empty(Check(_ => { }));
    }

    [Fact]
    public void Removing_a_field_without_reserving_it_is_caught_with_message_field_and_fix()
    {
        var breaks = Check(files => RemoveField(Message(files, "NewOrderRequest"), "price_ticks"));

        var finding = Assert.Single(breaks);
        Assert.Equal(
            "bourse.engine.v1.NewOrderRequest.price_ticks (field 13): removed without reserving its number and name; " +
            "add: reserved 13; reserved \"price_ticks\";",
            finding);
    }

    [Fact]
    public void Removing_a_field_and_reserving_only_its_number_is_caught()
    {
        var breaks = Check(files =>
        {
            var message = Message(files, "NewOrderRequest");
            RemoveField(message, "price_ticks");
            message.ReservedRange.Add(new DescriptorProto.Types.ReservedRange { Start = 13, End = 14 });
        });

        Assert.Equal(
            "bourse.engine.v1.NewOrderRequest.price_ticks (field 13): removed without reserving its name; add: reserved \"price_ticks\";",
            Assert.Single(breaks));
    }

    [Fact]
    public void Removing_a_field_and_reserving_its_number_and_name_passes()
    {
        var breaks = Check(files =>
        {
            var message = Message(files, "NewOrderRequest");
            RemoveField(message, "price_ticks");
            message.ReservedRange.Add(new DescriptorProto.Types.ReservedRange { Start = 13, End = 14 });
            message.ReservedName.Add("price_ticks");
        });

        Assert.Empty(breaks);
    }

    [Fact]
    public void A_reused_field_number_is_caught()
    {
        var breaks = Check(files =>
        {
            var message = Message(files, "NewOrderRequest");
            RemoveField(message, "price_ticks");
            message.Field.Add(new FieldDescriptorProto { Name = "limit_price", Number = 13, Type = Type.Int64, Label = Label.Optional, JsonName = "limitPrice" });
        });

        Assert.Equal(
            "bourse.engine.v1.NewOrderRequest.price_ticks (field 13): field number 13 now names 'limit_price'; " +
            "a number must never be reused or its field renamed",
            Assert.Single(breaks));
    }

    [Fact]
    public void A_renumbered_field_is_caught()
    {
        var breaks = Check(files => Field(Message(files, "NewOrderRequest"), "quantity").Number = 16);

        Assert.Equal("bourse.engine.v1.NewOrderRequest.quantity (field 14): renumbered from 14 to 16", Assert.Single(breaks));
    }

    [Fact]
    public void A_changed_scalar_type_is_caught()
    {
        var breaks = Check(files => Field(Message(files, "ExecutionReport"), "instrument_id").Type = Type.Int64);

        Assert.Equal("bourse.engine.v1.ExecutionReport.instrument_id (field 1): type changed from int32 to int64", Assert.Single(breaks));
    }

    [Fact]
    public void A_changed_message_type_is_caught()
    {
        var breaks = Check(files => Field(Message(files, "ExecutionReport"), "fill").TypeName = $".{Package}.OrderCancelled");

        Assert.Equal(
            "bourse.engine.v1.ExecutionReport.fill (field 22): type changed from bourse.engine.v1.Fill to bourse.engine.v1.OrderCancelled",
            Assert.Single(breaks));
    }

    [Fact]
    public void A_changed_enum_type_is_caught()
    {
        var breaks = Check(files => Field(Message(files, "OrderCancelled"), "reason").TypeName = $".{Package}.RejectReason");

        Assert.Equal(
            "bourse.engine.v1.OrderCancelled.reason (field 1): type changed from bourse.engine.v1.CancelReason to bourse.engine.v1.RejectReason",
            Assert.Single(breaks));
    }

    [Fact]
    public void A_singular_field_made_repeated_is_caught()
    {
        var breaks = Check(files => Field(Message(files, "OrderRejected"), "text").Label = Label.Repeated);

        Assert.Equal("bourse.engine.v1.OrderRejected.text (field 4): label changed from singular to repeated", Assert.Single(breaks));
    }

    [Fact]
    public void A_repeated_field_made_singular_is_caught()
    {
        var breaks = Check(files => Field(Message(files, "BookUpdate"), "levels").Label = Label.Optional);

        Assert.Equal("bourse.engine.v1.BookUpdate.levels (field 10): label changed from repeated to singular", Assert.Single(breaks));
    }

    [Fact]
    public void A_field_moved_out_of_its_oneof_is_caught()
    {
        var breaks = Check(files => Field(Message(files, "CancelRequest"), "order_id").ClearOneofIndex());

        Assert.Equal("bourse.engine.v1.CancelRequest.order_id (field 10): moved out of oneof 'target'", Assert.Single(breaks));
    }

    [Fact]
    public void A_field_given_explicit_presence_is_caught()
    {
        var breaks = Check(files =>
        {
            var message = Message(files, "OrderAck");
            message.OneofDecl.Add(new OneofDescriptorProto { Name = "_reject_text" });
            var field = Field(message, "reject_text");
            field.Proto3Optional = true;
            field.OneofIndex = message.OneofDecl.Count - 1;
        });

        Assert.Equal("bourse.engine.v1.OrderAck.reject_text (field 3): presence changed from implicit to explicit (optional)", Assert.Single(breaks));
    }

    [Fact]
    public void A_removed_message_is_caught()
    {
        var breaks = Check(files => File(files, "book_updates").MessageType.Remove(Message(files, "LevelChange")));

        Assert.Equal("bourse.engine.v1.LevelChange: message removed", Assert.Single(breaks));
    }

    [Fact]
    public void A_removed_enum_is_caught()
    {
        var breaks = Check(files => File(files, "common").EnumType.Remove(Enum(files, "RequestKind")));

        Assert.Equal("bourse.engine.v1.RequestKind: enum removed", Assert.Single(breaks));
    }

    [Fact]
    public void A_removed_enum_value_without_reservation_is_caught()
    {
        var breaks = Check(files => RemoveValue(Enum(files, "RejectReason"), "REJECT_REASON_THROTTLED"));

        Assert.Equal(
            "bourse.engine.v1.RejectReason.REJECT_REASON_THROTTLED (value 102): removed without reserving its number and name; " +
            "add: reserved 102; reserved \"REJECT_REASON_THROTTLED\";",
            Assert.Single(breaks));
    }

    [Fact]
    public void A_removed_enum_value_with_its_number_and_name_reserved_passes()
    {
        var breaks = Check(files =>
        {
            var reasons = Enum(files, "RejectReason");
            RemoveValue(reasons, "REJECT_REASON_THROTTLED");
            reasons.ReservedRange.Add(new EnumDescriptorProto.Types.EnumReservedRange { Start = 102, End = 102 });
            reasons.ReservedName.Add("REJECT_REASON_THROTTLED");
        });

        Assert.Empty(breaks);
    }

    [Fact]
    public void A_renumbered_enum_value_is_caught()
    {
        var breaks = Check(files => Value(Enum(files, "Side"), "SIDE_SELL").Number = 3);

        Assert.Equal("bourse.engine.v1.Side.SIDE_SELL (value 2): renumbered from 2 to 3", Assert.Single(breaks));
    }

    [Fact]
    public void A_reused_enum_value_number_is_caught()
    {
        var breaks = Check(files => Value(Enum(files, "CancelReason"), "CANCEL_REASON_END_OF_SESSION").Name = "CANCEL_REASON_EXPIRED");

        Assert.Equal(
            "bourse.engine.v1.CancelReason.CANCEL_REASON_END_OF_SESSION (value 6): value number 6 now names 'CANCEL_REASON_EXPIRED'; " +
            "a number must never be reused or its value renamed",
            Assert.Single(breaks));
    }

    [Fact]
    public void A_removed_method_is_caught()
    {
        var breaks = Check(files => RemoveMethod(files, "Replace"));

        Assert.Equal("bourse.engine.v1.OrderEntry.Replace: method removed", Assert.Single(breaks));
    }

    [Fact]
    public void A_removed_service_is_caught()
    {
        var breaks = Check(files => File(files, "order_entry").Service.Clear());

        Assert.Equal("bourse.engine.v1.OrderEntry: service removed", Assert.Single(breaks));
    }

    [Fact]
    public void A_method_whose_streaming_changed_is_caught()
    {
        var breaks = Check(files => Method(files, "Trade").ClientStreaming = false);

        Assert.Equal("bourse.engine.v1.OrderEntry.Trade: streaming changed from bidirectional streaming to server streaming", Assert.Single(breaks));
    }

    [Fact]
    public void A_method_whose_request_type_changed_is_caught()
    {
        var breaks = Check(files => Method(files, "Cancel").InputType = $".{Package}.ReplaceRequest");

        Assert.Equal(
            "bourse.engine.v1.OrderEntry.Cancel: request type changed from bourse.engine.v1.CancelRequest to bourse.engine.v1.ReplaceRequest",
            Assert.Single(breaks));
    }

    [Fact]
    public void A_changed_csharp_namespace_is_caught()
    {
        var breaks = Check(files => File(files, "executions").Options.CsharpNamespace = "Bourse.Contracts.Engine");

        Assert.Equal(
            "bourse/engine/v1/executions.proto: csharp_namespace changed from 'Bourse.Contracts.Engine.V1' to 'Bourse.Contracts.Engine'",
            Assert.Single(breaks));
    }

    [Fact]
    public void Additions_pass_fields_messages_enum_values_and_methods()
    {
        var breaks = Check(files =>
        {
            Message(files, "NewOrderRequest").Field.Add(
                new FieldDescriptorProto { Name = "stop_price_ticks", Number = 15, Type = Type.Int64, Label = Label.Optional, JsonName = "stopPriceTicks" });
            Message(files, "BookUpdate").Field.Add(
                new FieldDescriptorProto { Name = "notes", Number = 11, Type = Type.String, Label = Label.Repeated, JsonName = "notes" });
            File(files, "common").MessageType.Add(new DescriptorProto { Name = "Heartbeat" });
            Enum(files, "RejectReason").Value.Add(new EnumValueDescriptorProto { Name = "REJECT_REASON_NOT_AUTHORIZED", Number = 106 });
            File(files, "order_entry").Service[0].Method.Add(new MethodDescriptorProto
            {
                Name = "Ping",
                InputType = $".{Package}.Heartbeat",
                OutputType = $".{Package}.Heartbeat",
            });
        });

        Assert.Empty(breaks);
    }

    [Fact]
    public void Taking_a_reserved_field_number_or_name_is_caught()
    {
        // A release that removed price_ticks properly, then a change that gives its number and name to new fields.
        var releasedWithReservation = Clone(_released);
        var released = Message(releasedWithReservation, "NewOrderRequest");
        RemoveField(released, "price_ticks");
        released.ReservedRange.Add(new DescriptorProto.Types.ReservedRange { Start = 13, End = 14 });
        released.ReservedName.Add("price_ticks");

        var current = Clone(releasedWithReservation);
        var message = Message(current, "NewOrderRequest");
        message.Field.Add(new FieldDescriptorProto { Name = "limit_price", Number = 13, Type = Type.Int64, Label = Label.Optional, JsonName = "limitPrice" });
        message.Field.Add(new FieldDescriptorProto { Name = "price_ticks", Number = 15, Type = Type.Int64, Label = Label.Optional, JsonName = "priceTicks" });

        var breaks = DescriptorCompatibility.FindBreakingChanges(releasedWithReservation, current);

        Assert.Equal(
            [
                "bourse.engine.v1.NewOrderRequest.limit_price (field 13): takes number 13, which was reserved",
                "bourse.engine.v1.NewOrderRequest.price_ticks (field 15): takes name 'price_ticks', which was reserved",
            ],
            breaks);
    }

    [Fact]
    public void Dropping_a_reservation_is_caught()
    {
        var releasedWithReservation = Clone(_released);
        Message(releasedWithReservation, "OrderAck").ReservedRange.Add(new DescriptorProto.Types.ReservedRange { Start = 5, End = 8 });

        var current = Clone(releasedWithReservation);
        var message = Message(current, "OrderAck");
        message.ReservedRange.Clear();
        message.ReservedRange.Add(new DescriptorProto.Types.ReservedRange { Start = 5, End = 6 });

        var breaks = DescriptorCompatibility.FindBreakingChanges(releasedWithReservation, current);

        Assert.Equal("bourse.engine.v1.OrderAck: reserved number 6 is no longer reserved", Assert.Single(breaks));
    }

    private IReadOnlyList<string> Check(Action<List<FileDescriptorProto>> change)
    {
        var current = Clone(_released);
        change(current);
        return DescriptorCompatibility.FindBreakingChanges(_released, current);
    }

    private static List<FileDescriptorProto> Clone(IEnumerable<FileDescriptorProto> files) => [.. files.Select(f => f.Clone())];

    private static FileDescriptorProto File(List<FileDescriptorProto> files, string shortName) =>
        files.Single(f => f.Name == $"bourse/engine/v1/{shortName}.proto");

    private static DescriptorProto Message(List<FileDescriptorProto> files, string name) =>
        files.SelectMany(f => f.MessageType).Single(m => m.Name == name);

    private static EnumDescriptorProto Enum(List<FileDescriptorProto> files, string name) =>
        files.SelectMany(f => f.EnumType).Single(e => e.Name == name);

    private static MethodDescriptorProto Method(List<FileDescriptorProto> files, string name) =>
        files.SelectMany(f => f.Service).SelectMany(s => s.Method).Single(m => m.Name == name);

    private static FieldDescriptorProto Field(DescriptorProto message, string name) => message.Field.Single(f => f.Name == name);

    private static EnumValueDescriptorProto Value(EnumDescriptorProto enumType, string name) => enumType.Value.Single(v => v.Name == name);

    private static void RemoveField(DescriptorProto message, string name) => Assert.True(message.Field.Remove(Field(message, name)));

    private static void RemoveValue(EnumDescriptorProto enumType, string name) => Assert.True(enumType.Value.Remove(Value(enumType, name)));

    private static void RemoveMethod(List<FileDescriptorProto> files, string name) =>
        Assert.True(files.SelectMany(f => f.Service).Single().Method.Remove(Method(files, name)));
}
