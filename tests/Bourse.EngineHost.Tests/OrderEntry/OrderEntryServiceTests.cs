using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Hosting;
using Bourse.EngineHost.Sharding;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.OrderEntry;

/// <summary>Order entry end to end on loopback: real gRPC client, real Kestrel, real shards and journals on disk.</summary>
public sealed class OrderEntryServiceTests : IAsyncLifetime
{
    private const int Instrument = 600_519;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-order-entry-");
    private EngineHostServer _server = null!;
    private GrpcChannel _channel = null!;
    private V1.OrderEntry.OrderEntryClient _client = null!;

    private IReadOnlyList<ShardOptions> Shards() =>
    [
        new ShardOptions
        {
            Name = "s1",
            Instruments = [new InstrumentSpec(Instrument, TickSize: 1, LotSize: 100, ReferencePrice: 10_000, BandBasisPoints: 1_000), new InstrumentSpec(2)],
            JournalDirectory = _directory.FullName,
            JournalOptions = new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch },
            RingSize = 1 << 12,
        },
    ];

    public async Task InitializeAsync() => await StartAsync();

    private async Task StartAsync()
    {
        _server = EngineHostServer.Create(Shards());
        await _server.StartAsync();
        _channel = GrpcChannel.ForAddress(_server.OrderEntryAddress);
        _client = new V1.OrderEntry.OrderEntryClient(_channel);
    }

    private async Task RestartAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
        await StartAsync();
    }

    private static V1.NewOrderRequest Order(string id, V1.Side side, long price, long quantity, long account = 1, V1.TimeInForce tif = V1.TimeInForce.Gtc, int instrument = Instrument) => new()
    {
        ClientOrderId = id,
        AccountId = account,
        InstrumentId = instrument,
        Side = side,
        OrderType = V1.OrderType.Limit,
        TimeInForce = tif,
        PriceTicks = price,
        Quantity = quantity,
    };

    private static CallOptions Deadline => new(deadline: DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), cancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

    [Fact]
    public async Task A_new_order_is_accepted_once_and_a_retry_gets_the_same_order()
    {
        var first = await _client.NewOrderAsync(Order("c-1", V1.Side.Buy, 10_000, 100), Deadline);
        var retry = await _client.NewOrderAsync(Order("c-1", V1.Side.Buy, 10_000, 100), Deadline);

        Assert.Equal(V1.OrderAckStatus.Accepted, first.Status);
        Assert.False(first.Duplicate);
        Assert.Equal(1, first.CommandSequence);
        Assert.True(retry.Duplicate);
        Assert.Equal((first.OrderId, first.CommandSequence), (retry.OrderId, retry.CommandSequence));
        Assert.Equal(1, JournalRecords(Instrument));
    }

    [Fact]
    public async Task A_retry_after_a_restart_is_recognised_from_the_journal_and_never_makes_a_second_order()
    {
        var first = await _client.NewOrderAsync(Order("survivor", V1.Side.Sell, 10_100, 200, account: 7), Deadline);
        await RestartAsync();

        var retry = await _client.NewOrderAsync(Order("survivor", V1.Side.Sell, 10_100, 200, account: 7), Deadline);
        var next = await _client.NewOrderAsync(Order("newcomer", V1.Side.Sell, 10_100, 200, account: 7), Deadline);

        Assert.True(retry.Duplicate);
        Assert.Equal(first.OrderId, retry.OrderId);
        Assert.True(next.OrderId > first.OrderId, "engine order ids continue above the journal's");
        Assert.Equal(2, JournalRecords(Instrument));
    }

    [Theory]
    [InlineData(12345, 1, "x", V1.RejectReason.UnknownInstrument)]
    [InlineData(Instrument, 0, "x", V1.RejectReason.UnknownAccount)]
    [InlineData(Instrument, 1, "", V1.RejectReason.InvalidRequest)]
    public async Task Requests_the_engine_cannot_judge_are_refused_at_the_door_with_a_reason(int instrument, long account, string id, V1.RejectReason reason)
    {
        var ack = await _client.NewOrderAsync(Order(id, V1.Side.Buy, 10_000, 100, account, instrument: instrument), Deadline);

        Assert.Equal((V1.OrderAckStatus.Rejected, reason), (ack.Status, ack.RejectReason));
        Assert.NotEmpty(ack.RejectText);
        Assert.Equal(0, JournalRecords(Instrument));
    }

    [Theory]
    [InlineData(10_000, 150, V1.RejectReason.LotSize)]
    [InlineData(12_000, 100, V1.RejectReason.PriceBand)]
    [InlineData(10_000, 0, V1.RejectReason.InvalidQuantity)]
    public async Task The_engine_rejects_what_breaks_the_instrument_rules_and_the_retry_says_so_too(long price, long quantity, V1.RejectReason reason)
    {
        var ack = await _client.NewOrderAsync(Order("bad", V1.Side.Buy, price, quantity), Deadline);
        var retry = await _client.NewOrderAsync(Order("bad", V1.Side.Buy, price, quantity), Deadline);

        Assert.Equal((V1.OrderAckStatus.Rejected, reason), (ack.Status, ack.RejectReason));
        Assert.Equal((V1.OrderAckStatus.Rejected, reason, true), (retry.Status, retry.RejectReason, retry.Duplicate));
    }

    [Fact]
    public async Task A_retry_after_a_restart_of_an_order_the_engine_rejected_is_answered_rejected_again()
    {
        var ack = await _client.NewOrderAsync(Order("rejected-then-restarted", V1.Side.Buy, 12_000, 100), Deadline);
        var accepted = await _client.NewOrderAsync(Order("accepted-then-restarted", V1.Side.Buy, 10_000, 100), Deadline);
        await RestartAsync();

        var retry = await _client.NewOrderAsync(Order("rejected-then-restarted", V1.Side.Buy, 12_000, 100), Deadline);
        var acceptedRetry = await _client.NewOrderAsync(Order("accepted-then-restarted", V1.Side.Buy, 10_000, 100), Deadline);

        Assert.Equal((V1.OrderAckStatus.Rejected, V1.RejectReason.PriceBand), (ack.Status, ack.RejectReason));
        Assert.Equal((V1.OrderAckStatus.Rejected, V1.RejectReason.PriceBand, true, ack.OrderId), (retry.Status, retry.RejectReason, retry.Duplicate, retry.OrderId));
        Assert.Equal((V1.OrderAckStatus.Accepted, V1.RejectReason.Unspecified, true, accepted.OrderId), (acceptedRetry.Status, acceptedRetry.RejectReason, acceptedRetry.Duplicate, acceptedRetry.OrderId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_000)]
    public async Task A_cancel_naming_a_client_id_no_order_can_have_is_an_unknown_order_and_the_host_serves_on(int length)
    {
        // Empty, or a megabyte long: refused as unknown, not thrown (empty) or hashed on the stack (huge).
        var target = new string('x', length);
        var cancel = await _client.CancelAsync(new V1.CancelRequest { ClientRequestId = "odd-1", AccountId = 3, InstrumentId = Instrument, ClientOrderId = target }, Deadline);
        var order = await _client.NewOrderAsync(Order("after-odd", V1.Side.Buy, 9_900, 100, account: 3), Deadline);

        Assert.Equal((V1.OrderAckStatus.Rejected, V1.RejectReason.UnknownOrder), (cancel.Status, cancel.RejectReason));
        Assert.Equal(V1.OrderAckStatus.Accepted, order.Status);
    }

    [Fact]
    public async Task Cancel_and_replace_find_the_order_by_client_id_and_only_for_its_account()
    {
        var order = await _client.NewOrderAsync(Order("mine", V1.Side.Buy, 9_900, 300, account: 3), Deadline);
        var replaced = await _client.ReplaceAsync(new V1.ReplaceRequest { ClientRequestId = "r1", AccountId = 3, InstrumentId = Instrument, ClientOrderId = "mine", PriceTicks = 9_950, Quantity = 200 }, Deadline);
        var foreign = await _client.CancelAsync(new V1.CancelRequest { ClientRequestId = "x1", AccountId = 4, InstrumentId = Instrument, OrderId = order.OrderId }, Deadline);
        var cancelled = await _client.CancelAsync(new V1.CancelRequest { ClientRequestId = "c1", AccountId = 3, InstrumentId = Instrument, OrderId = order.OrderId }, Deadline);
        var again = await _client.CancelAsync(new V1.CancelRequest { ClientRequestId = "c2", AccountId = 3, InstrumentId = Instrument, OrderId = order.OrderId }, Deadline);

        Assert.Equal(V1.OrderAckStatus.Accepted, replaced.Status);
        Assert.Equal((V1.OrderAckStatus.Rejected, V1.RejectReason.UnknownOrder), (foreign.Status, foreign.RejectReason));
        Assert.Equal((V1.OrderAckStatus.Accepted, "c1"), (cancelled.Status, cancelled.ClientRequestId));
        Assert.Equal((V1.OrderAckStatus.Rejected, V1.RejectReason.UnknownOrder), (again.Status, again.RejectReason));
    }

    [Fact]
    public async Task The_stream_answers_every_request_and_reports_fills_to_taker_and_maker()
    {
        using var maker = _client.Trade(Deadline);
        using var taker = _client.Trade(Deadline);
        await maker.RequestStream.WriteAsync(new V1.OrderEntryRequest { CorrelationId = 1, NewOrder = Order("m1", V1.Side.Sell, 10_050, 500, account: 20) });
        var makerAccepted = await NextReport(maker.ResponseStream);
        Assert.Equal((1L, V1.ExecutionReport.EventOneofCase.Accepted), (makerAccepted.CorrelationId, makerAccepted.EventCase));

        const int Orders = 200;
        for (var i = 0; i < Orders; i++)
        {
            await taker.RequestStream.WriteAsync(new V1.OrderEntryRequest { CorrelationId = 100 + i, NewOrder = Order("t" + i, V1.Side.Buy, i == 0 ? 10_050 : 9_000, 100, account: 21) });
        }

        await taker.RequestStream.CompleteAsync();
        var reports = new List<V1.ExecutionReport>();
        await foreach (var report in taker.ResponseStream.ReadAllAsync())
        {
            reports.Add(report);
        }

        Assert.Equal(Enumerable.Range(100, Orders).Select(i => (long)i), reports.Where(r => r.EventCase == V1.ExecutionReport.EventOneofCase.Accepted).Select(r => r.CorrelationId));
        var takerFill = Assert.Single(reports, r => r.EventCase == V1.ExecutionReport.EventOneofCase.Fill);
        Assert.Equal((10_050L, 100L, makerAccepted.OrderId), (takerFill.Fill.PriceTicks, takerFill.Fill.Quantity, takerFill.Fill.MakerOrderId));

        var makerFill = await NextReport(maker.ResponseStream);
        Assert.Equal(V1.ExecutionReport.EventOneofCase.Fill, makerFill.EventCase);
        Assert.Equal((makerAccepted.OrderId, "m1", takerFill.Fill.TradeId), (makerFill.OrderId, makerFill.ClientOrderId, makerFill.Fill.TradeId));
        // Each side's report: its own account and what its order has left (the taker is done, 400 of the maker rests).
        Assert.Equal((21L, 0L, 20L, 400L), (takerFill.AccountId, takerFill.Fill.LeavesQuantity, makerFill.AccountId, makerFill.Fill.LeavesQuantity));
        await maker.RequestStream.CompleteAsync();
    }

    [Fact]
    public async Task A_client_that_reads_its_reports_late_still_gets_every_one_in_order()
    {
        // Far more reports than HTTP/2's flow-control window and Kestrel's response buffer hold: flushes stop completing at
        // once, and those the commit thread started are handed to the stream's writer (StreamSession.ReportsDelivered).
        using var stream = _client.Trade(Deadline);
        const int Orders = 5_000;
        for (var i = 0; i < Orders; i++)
        {
            await stream.RequestStream.WriteAsync(new V1.OrderEntryRequest { CorrelationId = i, NewOrder = Order("late" + i, V1.Side.Buy, 9_500, 100, account: 22) });
        }

        await stream.RequestStream.CompleteAsync();
        await Task.Delay(500);
        var accepted = new List<long>();
        await foreach (var report in stream.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(V1.ExecutionReport.EventOneofCase.Accepted, report.EventCase);
            accepted.Add(report.CorrelationId);
        }

        Assert.Equal(Enumerable.Range(0, Orders).Select(i => (long)i), accepted);
    }

    [Fact]
    public async Task Health_is_alive_and_ready_while_serving()
    {
        using var http = new HttpClient { BaseAddress = _server.ManagementAddress };
        Assert.True((await http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode);
        Assert.True((await http.GetAsync(new Uri("/ready", UriKind.Relative))).IsSuccessStatusCode);
    }

    private static async Task<V1.ExecutionReport> NextReport(IAsyncStreamReader<V1.ExecutionReport> stream)
    {
        Assert.True(await stream.MoveNext(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token), "the stream ended early");
        return stream.Current;
    }

    private long JournalRecords(int instrument)
    {
        using var reader = CommandJournalReader.OpenDirectory(Path.Combine(_directory.FullName, instrument.ToString(System.Globalization.CultureInfo.InvariantCulture), "journal"));
        long count = 0;
        while (reader.TryRead(out _, out _))
        {
            count++;
        }

        return count;
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
