using Bourse.EngineHost.Configuration;
using Microsoft.Extensions.Options;

namespace Bourse.EngineHost.Tests.Configuration;

public sealed class EngineHostOptionsValidatorTests
{
    /// <summary>By case: one change to valid options, and the failure it must give (all of it).</summary>
    private static readonly Dictionary<string, (Action<EngineHostOptions> Change, string Failure)> Cases = new()
    {
        ["no shards"] = (o => o.Shards.Clear(), "EngineHost:Shards must list at least one shard"),
        ["id 0"] = (o => { o.Instruments[0].Id = 0; o.Shards[0].Instruments.Remove(600519); }, "EngineHost:Instruments:0:Id must be 1 or more; it is 0"),
        ["negative id"] = (o => { o.Instruments[0].Id = -5; o.Shards[0].Instruments.Remove(600519); }, "EngineHost:Instruments:0:Id must be 1 or more; it is -5"),
        ["no symbol"] = (o => o.Instruments[1].Symbol = "", "EngineHost:Instruments:1:Symbol is required; it is ''"),
        ["tick 0"] = (o => o.Instruments[1].TickSize = 0, "EngineHost:Instruments:1:TickSize must be 1 or more; it is 0"),
        ["negative lot"] = (o => o.Instruments[1].LotSize = -100, "EngineHost:Instruments:1:LotSize must be 1 or more; it is -100"),
        ["negative reference"] = (o => { o.Instruments[1].ReferencePrice = -1; o.Instruments[1].BandBasisPoints = 0; }, "EngineHost:Instruments:1:ReferencePrice must be from 0 to 922337203685477; it is -1"),
        ["reference too large"] = (o => o.Instruments[1].ReferencePrice = 922_337_203_685_478, "EngineHost:Instruments:1:ReferencePrice must be from 0 to 922337203685477; it is 922337203685478"),
        ["band above 100 %"] = (o => o.Instruments[1].BandBasisPoints = 10_001, "EngineHost:Instruments:1:BandBasisPoints must be from 0 to 10000 (0 = no band); it is 10001"),
        ["negative band"] = (o => o.Instruments[1].BandBasisPoints = -1, "EngineHost:Instruments:1:BandBasisPoints must be from 0 to 10000 (0 = no band); it is -1"),
        ["band without reference"] = (o => o.Instruments[1].ReferencePrice = 0, "EngineHost:Instruments:1:BandBasisPoints is 1000 but ReferencePrice is 0; a band needs a reference price"),
        ["reference off the tick"] = (o => o.Instruments[1].TickSize = 7, "EngineHost:Instruments:1:ReferencePrice 5200 is not a multiple of TickSize 7"),
        ["repeated id"] = (o => { o.Instruments[2].Id = 600519; o.Shards[1].Instruments.Remove(600036); }, "EngineHost:Instruments:2:Id 600519 is also the id of EngineHost:Instruments:0; instrument ids must be unique"),
        ["repeated symbol"] = (o => o.Instruments[3].Symbol = "601318.SH", "EngineHost:Instruments:3:Symbol '601318.SH' is also the symbol of EngineHost:Instruments:1; symbols must be unique"),
        ["no shard name"] = (o => o.Shards[0].Name = "", "EngineHost:Shards:0:Name is required; it is ''"),
        ["shard name with a space"] = (o => o.Shards[0].Name = "shard 0", "EngineHost:Shards:0:Name must be 1 to 32 letters, digits, '.', '_' or '-'; it is 'shard 0'"),
        ["shard name too long"] = (o => o.Shards[0].Name = new string('s', 33), $"EngineHost:Shards:0:Name must be 1 to 32 letters, digits, '.', '_' or '-'; it is '{new string('s', 33)}'"),
        ["repeated shard name"] = (o => o.Shards[1].Name = "shard0", "EngineHost:Shards:1:Name 'shard0' is also the name of EngineHost:Shards:0; shard names must be unique"),
        ["shard without instruments"] = (o => { o.Shards[1].Instruments.Clear(); o.Shards[0].Instruments.Add(600036); o.Shards[0].Instruments.Add(1); }, "EngineHost:Shards:1:Instruments must list at least one instrument id; it lists 0"),
        ["cpu missing"] = (o => o.Shards[1].Cpu = -1, "EngineHost:Shards:1:Cpu must be a CPU id from 0 to 1023; it is -1"),
        ["cpu beyond cpu_set_t"] = (o => o.Shards[1].Cpu = 1024, "EngineHost:Shards:1:Cpu must be a CPU id from 0 to 1023; it is 1024"),
        ["shared cpu"] = (o => o.Shards[1].Cpu = 2, "EngineHost:Shards:1:Cpu 2 is also the CPU of EngineHost:Shards:0; each matching thread needs a CPU of its own"),
        ["unknown instrument"] = (o => o.Shards[1].Instruments.Add(42), "EngineHost:Shards:1:Instruments lists 42, which is not the id of any of EngineHost:Instruments"),
        ["instrument twice in a shard"] = (o => o.Shards[1].Instruments.Add(1), "EngineHost:Shards:1:Instruments lists 1 more than once"),
        ["instrument in two shards"] = (o => o.Shards[1].Instruments.Add(600519), "Instrument 600519 (600519.SH) is in shards 'shard0' and 'shard1'; an instrument belongs to exactly one shard"),
        ["instrument in no shard"] = (o => o.Shards[1].Instruments.Remove(1), "Instrument 1 (000001.SZ) is in no shard; list it in the Instruments of one of EngineHost:Shards"),
        ["no journal directory"] = (o => o.JournalDirectory = "", "EngineHost:JournalDirectory is required (a directory for the command journal); it is ''"),
        ["connection string"] = (o => o.EventHubs.ConnectionString = "sb://x", "EngineHost:EventHubs:ConnectionString must start with 'Endpoint=sb://'; it is 'sb://x'"),
        ["no executions hub"] = (o => o.EventHubs.ExecutionsHubName = "", "EngineHost:EventHubs:ExecutionsHubName is required; it is ''"),
        ["executions hub name"] = (o => o.EventHubs.ExecutionsHubName = "-executions", "EngineHost:EventHubs:ExecutionsHubName must be 1 to 256 letters, digits, '.', '_' or '-', starting and ending with a letter or digit; it is '-executions'"),
        ["book updates hub name"] = (o => o.EventHubs.BookUpdatesHubName = "book updates", "EngineHost:EventHubs:BookUpdatesHubName must be 1 to 256 letters, digits, '.', '_' or '-', starting and ending with a letter or digit; it is 'book updates'"),
        ["one hub for both"] = (o => o.EventHubs.BookUpdatesHubName = "Executions", "EngineHost:EventHubs:BookUpdatesHubName 'Executions' is also ExecutionsHubName; executions and book updates need hubs of their own"),
        ["no url"] = (o => o.OrderEntry.Url = "", "EngineHost:OrderEntry:Url is required; it is ''"),
        ["relative url"] = (o => o.OrderEntry.Url = "127.0.0.1:5100", "EngineHost:OrderEntry:Url must be an absolute http:// or https:// URL with a host, a port and no path; it is '127.0.0.1:5100'"),
        ["url with a path"] = (o => o.OrderEntry.Url = "http://127.0.0.1:5100/orders", "EngineHost:OrderEntry:Url must be an absolute http:// or https:// URL with a host, a port and no path; it is 'http://127.0.0.1:5100/orders'"),
        ["grpc scheme"] = (o => o.OrderEntry.Url = "grpc://127.0.0.1:5100", "EngineHost:OrderEntry:Url must be an absolute http:// or https:// URL with a host, a port and no path; it is 'grpc://127.0.0.1:5100'"),
        ["https without a certificate"] = (o => o.OrderEntry.Url = "https://0.0.0.0:5101", "EngineHost:OrderEntry:Url is https but ServerCertificatePath is not set; TLS needs the server certificate"),
        ["certificate on http"] = (o => o.OrderEntry.ServerCertificatePath = "server.pem", "EngineHost:OrderEntry:Url is http but ServerCertificatePath is set; with a certificate the URL must be https"),
        ["key without certificate"] = (o => o.OrderEntry.ServerKeyPath = "server.key", "EngineHost:OrderEntry:ServerKeyPath is set but ServerCertificatePath is not; the key belongs to a server certificate"),
        ["client CA without certificate"] = (o => o.OrderEntry.ClientCaPath = "ca.pem", "EngineHost:OrderEntry:ClientCaPath is set but ServerCertificatePath is not; client certificates (mutual TLS) need TLS"),
        ["plain text off loopback"] = (o => o.OrderEntry.Url = "http://10.0.0.5:5100", "EngineHost:OrderEntry:Url 'http://10.0.0.5:5100' is reachable from other machines, so it needs mutual TLS: set ServerCertificatePath and ClientCaPath (plain or server-only TLS is for loopback)"),
        ["server-only TLS off loopback"] = (o => { o.OrderEntry.Url = "https://0.0.0.0:5100"; o.OrderEntry.ServerCertificatePath = "server.pfx"; }, "EngineHost:OrderEntry:Url 'https://0.0.0.0:5100' is reachable from other machines, so it needs mutual TLS: set ServerCertificatePath and ClientCaPath (plain or server-only TLS is for loopback)"),
        ["host name"] = (o => o.OrderEntry.Url = "http://engine-1.internal:5100", "EngineHost:OrderEntry:Url must name the address to listen on as an IP address (or 0.0.0.0 for every interface), not a host name; it is 'http://engine-1.internal:5100'"),
    };

    [Fact]
    public void Valid_options_have_no_failures()
    {
        Assert.Empty(EngineHostOptionsValidator.Check(Valid()));
        Assert.True(new EngineHostOptionsValidator().Validate(Options.DefaultName, Valid()).Succeeded);
    }

    [Fact]
    public void Mutual_tls_with_a_pem_key_is_valid()
    {
        EngineHostOptions options = Valid();
        options.OrderEntry.Url = "https://0.0.0.0:5101";
        options.OrderEntry.ServerCertificatePath = "/etc/bourse-engine/tls/server.pem";
        options.OrderEntry.ServerKeyPath = "/etc/bourse-engine/tls/server.key";
        options.OrderEntry.ClientCaPath = "/etc/bourse-engine/tls/clients-ca.pem";
        options.EventHubs.ConnectionString = "Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true";

        Assert.Empty(EngineHostOptionsValidator.Check(options));
    }

    public static TheoryData<string> InvalidCases { get; } = [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void An_invalid_value_gives_exactly_the_failure_naming_its_key(string @case)
    {
        (Action<EngineHostOptions> change, string failure) = Cases[@case];
        EngineHostOptions options = Valid();
        change(options);

        ValidateOptionsResult result = new EngineHostOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Failed, @case);
        Assert.Equal([failure], result.Failures!);
    }

    [Fact]
    public void Options_without_instruments_say_so_first()
    {
        EngineHostOptions options = Valid();
        options.Instruments.Clear();

        IReadOnlyList<string> failures = EngineHostOptionsValidator.Check(options);

        Assert.Equal("EngineHost:Instruments must list at least one instrument", failures[0]);
        Assert.Contains("EngineHost:Shards:0:Instruments lists 600519, which is not the id of any of EngineHost:Instruments", failures);
    }

    [Fact]
    public void Every_failure_is_reported_at_once()
    {
        EngineHostOptions options = Valid();
        options.Instruments[0].TickSize = 0;
        options.Shards[1].Cpu = 2;
        options.OrderEntry.ClientCaPath = "ca.pem";

        Assert.Equal(
            [
                "EngineHost:Instruments:0:TickSize must be 1 or more; it is 0",
                "EngineHost:Shards:1:Cpu 2 is also the CPU of EngineHost:Shards:0; each matching thread needs a CPU of its own",
                "EngineHost:OrderEntry:ClientCaPath is set but ServerCertificatePath is not; client certificates (mutual TLS) need TLS",
            ],
            EngineHostOptionsValidator.Check(options));
    }

    /// <summary>The sample's instruments and shards (CPUs 2 and 3).</summary>
    internal static EngineHostOptions Valid()
    {
        var options = new EngineHostOptions();
        options.Instruments.Add(Instrument(600519, "600519.SH", 145_000));
        options.Instruments.Add(Instrument(601318, "601318.SH", 5_200));
        options.Instruments.Add(Instrument(600036, "600036.SH", 4_100));
        options.Instruments.Add(Instrument(1, "000001.SZ", 1_150));
        options.Shards.Add(Shard("shard0", 2, 600519, 601318));
        options.Shards.Add(Shard("shard1", 3, 600036, 1));
        return options;
    }

    private static InstrumentConfig Instrument(int id, string symbol, long referencePrice) =>
        new() { Id = id, Symbol = symbol, TickSize = 1, LotSize = 100, ReferencePrice = referencePrice, BandBasisPoints = 1000 };

    private static ShardConfig Shard(string name, int cpu, params int[] instruments)
    {
        var shard = new ShardConfig { Name = name, Cpu = cpu };
        foreach (int id in instruments)
        {
            shard.Instruments.Add(id);
        }

        return shard;
    }
}
