using Bourse.Engine.Journal;
using System.Net;
using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Bourse.EngineHost.Configuration;

/// <summary>
/// Checks <see cref="EngineHostOptions"/> whole: each property's attributes, then the rules across properties. Every
/// failure names the configuration key it is about (<c>EngineHost:Shards:1:Cpu</c>, the same key an environment
/// variable spells <c>EngineHost__Shards__1__Cpu</c>), says what is wrong and what the value is. All failures are
/// reported at once, not the first only.
/// </summary>
/// <remarks>
/// The NUMA layout (CPUs online, on one node) is not checked here: it depends on the machine, not on the
/// configuration; see <see cref="Topology.ShardLayoutValidator"/>.
/// </remarks>
internal sealed class EngineHostOptionsValidator : IValidateOptions<EngineHostOptions>
{
    private const string Root = EngineHostOptions.SectionName;

    /// <summary>The failures of <paramref name="options"/>, in a stable order; empty when it is valid.</summary>
    public static IReadOnlyList<string> Check(EngineHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckAttributes(options, Root, failures);
        CheckInstruments(options, failures);
        CheckShards(options, failures);
        CheckAttributes(options.Journal, $"{Root}:{nameof(EngineHostOptions.Journal)}", failures);
        if (!Enum.IsDefined(options.Journal.FlushPolicy))
        {
            failures.Add($"{Root}:Journal:FlushPolicy must be EveryBatch, Interval or EveryCommand; {options.Journal.FlushPolicy}");
        }

        if (options.Journal.PreallocationBytes % FileCommandJournalOptions.RecordSize != 0)
        {
            failures.Add($"{Root}:Journal:PreallocationBytes must be a multiple of {FileCommandJournalOptions.RecordSize} (the journal's record size); it is {options.Journal.PreallocationBytes}");
        }

        CheckAttributes(options.Telemetry, $"{Root}:{nameof(EngineHostOptions.Telemetry)}", failures);
        if (!Enum.IsDefined(options.Telemetry.Exporter))
        {
            failures.Add($"{Root}:Telemetry:Exporter must be None, Console or Otlp; {options.Telemetry.Exporter}");
        }

        if (options.Telemetry.OtlpEndpoint is { Length: > 0 } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            failures.Add($"{Root}:Telemetry:OtlpEndpoint must be an absolute URL; it is '{endpoint}'");
        }

        CheckAttributes(options.EventHubs, $"{Root}:{nameof(EngineHostOptions.EventHubs)}", failures);
        CheckEventHubs(options.EventHubs, failures);
        CheckAttributes(options.WarmUp, $"{Root}:{nameof(EngineHostOptions.WarmUp)}", failures);
        CheckAttributes(options.OrderEntry, $"{Root}:{nameof(EngineHostOptions.OrderEntry)}", failures);
        CheckOrderEntry(options.OrderEntry, failures);
        return failures;
    }

    public ValidateOptionsResult Validate(string? name, EngineHostOptions options)
    {
        IReadOnlyList<string> failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckInstruments(EngineHostOptions options, List<string> failures)
    {
        string list = $"{Root}:{nameof(EngineHostOptions.Instruments)}";
        if (options.Instruments.Count == 0)
        {
            failures.Add($"{list} must list at least one instrument");
            return;
        }

        var ids = new Dictionary<int, int>();
        var symbols = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < options.Instruments.Count; i++)
        {
            InstrumentConfig instrument = options.Instruments[i];
            string path = $"{list}:{i}";
            CheckAttributes(instrument, path, failures);
            if (instrument.Id > 0 && !ids.TryAdd(instrument.Id, i))
            {
                failures.Add($"{path}:Id {instrument.Id} is also the id of {list}:{ids[instrument.Id]}; instrument ids must be unique");
            }

            if (!string.IsNullOrEmpty(instrument.Symbol) && !symbols.TryAdd(instrument.Symbol, i))
            {
                failures.Add($"{path}:Symbol '{instrument.Symbol}' is also the symbol of {list}:{symbols[instrument.Symbol]}; symbols must be unique");
            }

            if (instrument.BandBasisPoints > 0 && instrument.ReferencePrice == 0)
            {
                failures.Add($"{path}:BandBasisPoints is {instrument.BandBasisPoints} but ReferencePrice is 0; a band needs a reference price");
            }

            if (instrument.TickSize > 0 && instrument.ReferencePrice % instrument.TickSize != 0)
            {
                failures.Add($"{path}:ReferencePrice {instrument.ReferencePrice} is not a multiple of TickSize {instrument.TickSize}");
            }
        }
    }

    private static void CheckShards(EngineHostOptions options, List<string> failures)
    {
        string list = $"{Root}:{nameof(EngineHostOptions.Shards)}";
        if (options.Shards.Count == 0)
        {
            failures.Add($"{list} must list at least one shard");
            return;
        }

        var instruments = options.Instruments.Where(i => i.Id > 0).GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First());
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var cpus = new Dictionary<int, int>();
        var owners = new Dictionary<int, List<string>>();
        for (int i = 0; i < options.Shards.Count; i++)
        {
            ShardConfig shard = options.Shards[i];
            string path = $"{list}:{i}";
            CheckAttributes(shard, path, failures);
            if (!string.IsNullOrEmpty(shard.Name) && !names.TryAdd(shard.Name, i))
            {
                failures.Add($"{path}:Name '{shard.Name}' is also the name of {list}:{names[shard.Name]}; shard names must be unique");
            }

            if (shard.Cpu >= 0 && !cpus.TryAdd(shard.Cpu, i))
            {
                failures.Add($"{path}:Cpu {shard.Cpu} is also the CPU of {list}:{cpus[shard.Cpu]}; each matching thread needs a CPU of its own");
            }

            var seen = new HashSet<int>();
            foreach (int id in shard.Instruments)
            {
                if (!seen.Add(id))
                {
                    failures.Add($"{path}:Instruments lists {id} more than once");
                }
                else if (!instruments.ContainsKey(id))
                {
                    failures.Add($"{path}:Instruments lists {id}, which is not the id of any of {Root}:{nameof(EngineHostOptions.Instruments)}");
                }
                else
                {
                    owners.TryAdd(id, []);
                    owners[id].Add(ShardLabel(shard, i));
                }
            }
        }

        foreach ((int id, InstrumentConfig instrument) in instruments)
        {
            if (!owners.TryGetValue(id, out List<string>? shards))
            {
                failures.Add($"Instrument {id} ({instrument.Symbol}) is in no shard; list it in the Instruments of one of {list}");
            }
            else if (shards.Count > 1)
            {
                failures.Add($"Instrument {id} ({instrument.Symbol}) is in shards {string.Join(" and ", shards)}; an instrument belongs to exactly one shard");
            }
        }
    }

    private static void CheckEventHubs(EventHubsOptions eventHubs, List<string> failures)
    {
        if (string.Equals(eventHubs.ExecutionsHubName, eventHubs.BookUpdatesHubName, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Root}:EventHubs:BookUpdatesHubName '{eventHubs.BookUpdatesHubName}' is also ExecutionsHubName; executions and book updates need hubs of their own");
        }
    }

    private static void CheckOrderEntry(OrderEntryOptions orderEntry, List<string> failures)
    {
        string path = $"{Root}:{nameof(EngineHostOptions.OrderEntry)}";
        bool tls = !string.IsNullOrEmpty(orderEntry.ServerCertificatePath);
        if (!string.IsNullOrEmpty(orderEntry.Url))
        {
            if (!Uri.TryCreate(orderEntry.Url, UriKind.Absolute, out Uri? url) ||
                (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) ||
                url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0)
            {
                failures.Add($"{path}:Url must be an absolute http:// or https:// URL with a host, a port and no path; it is '{orderEntry.Url}'");
            }
            else if (url.Scheme == Uri.UriSchemeHttps && !tls)
            {
                failures.Add($"{path}:Url is https but ServerCertificatePath is not set; TLS needs the server certificate");
            }
            else if (url.Scheme == Uri.UriSchemeHttp && tls)
            {
                failures.Add($"{path}:Url is http but ServerCertificatePath is set; with a certificate the URL must be https");
            }
            else if (!url.IsLoopback && !IPAddress.TryParse(url.Host.Trim('[', ']'), out _))
            {
                failures.Add($"{path}:Url must name the address to listen on as an IP address (or 0.0.0.0 for every interface), not a host name; it is '{orderEntry.Url}'");
            }
            else if (!url.IsLoopback && (!tls || string.IsNullOrEmpty(orderEntry.ClientCaPath)))
            {
                failures.Add($"{path}:Url '{orderEntry.Url}' is reachable from other machines, so it needs mutual TLS: set ServerCertificatePath and ClientCaPath (plain or server-only TLS is for loopback)");
            }
        }

        if (!tls && !string.IsNullOrEmpty(orderEntry.ServerKeyPath))
        {
            failures.Add($"{path}:ServerKeyPath is set but ServerCertificatePath is not; the key belongs to a server certificate");
        }

        if (!tls && !string.IsNullOrEmpty(orderEntry.ClientCaPath))
        {
            failures.Add($"{path}:ClientCaPath is set but ServerCertificatePath is not; client certificates (mutual TLS) need TLS");
        }
    }

    private static string ShardLabel(ShardConfig shard, int index) =>
        string.IsNullOrEmpty(shard.Name) ? $"{Root}:Shards:{index}" : $"'{shard.Name}'";

    /// <summary>The data annotations of <paramref name="target"/>'s own properties, each failure as "key message; value".</summary>
    private static void CheckAttributes(object target, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true);
        foreach (ValidationResult result in results)
        {
            foreach (string member in result.MemberNames)
            {
                object? value = target.GetType().GetProperty(member)?.GetValue(target);
                failures.Add($"{path}:{member} {result.ErrorMessage}; {Describe(value)}");
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "it is not set",
        string text => $"it is '{text}'",
        ICollection collection => $"it lists {collection.Count}",
        IFormattable number => $"it is {number.ToString(null, CultureInfo.InvariantCulture)}",
        _ => $"it is {value}",
    };
}
