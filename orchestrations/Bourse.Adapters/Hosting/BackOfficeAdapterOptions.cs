using System.ComponentModel.DataAnnotations;

namespace Bourse.Adapters.Hosting;

/// <summary>Where the back office keeps its records: section <c>Cosmos</c>.</summary>
public sealed class CosmosStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cosmos";

    /// <summary>The account's connection string (<c>AccountEndpoint=…;AccountKey=…;</c>). A host that builds its own
    /// <c>CosmosClient</c> (managed identity in Azure, the pinned certificate of the local server) may leave it empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The database of every back-office container.</summary>
    [Required]
    public string Database { get; set; } = "bourse";

    /// <summary>Create the database and containers at start when they are missing: local mode. In Azure the Bicep
    /// templates create them, and the app's identity has no right to.</summary>
    public bool CreateIfNotExists { get; set; }
}

/// <summary>The engine host's order entry, as the saga calls it: section <c>EngineOrderEntry</c>.</summary>
public sealed class EngineOrderEntryEndpointOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EngineOrderEntry";

    /// <summary>The gRPC address of the engine host (<c>http://127.0.0.1:5101</c> locally; https with mutual TLS on the VMs).</summary>
    [Required]
    public Uri? Address { get; set; }
}

/// <summary>The Event Hubs the back office talks to: section <c>EventHubs</c>.</summary>
public sealed class BackOfficeEventHubsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EventHubs";

    /// <summary>The namespace's connection string (the local endpoint's has <c>UseDevelopmentEmulator=true</c>).</summary>
    [Required]
    public string? ConnectionString { get; set; }

    /// <summary>Where the saga publishes what became of each order.</summary>
    [Required]
    public string OrderEventsHub { get; set; } = "order-events";

    /// <summary>Where the engine host publishes its execution reports.</summary>
    [Required]
    public string ExecutionsHub { get; set; } = "executions";

    /// <summary>The consumer group of the back office's execution relay.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "$Default";
}

/// <summary>Where the back office keeps Event Hubs checkpoints: section <c>Storage</c>.</summary>
public sealed class CheckpointStorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage";

    /// <summary>The Blob storage account's connection string (Azurite's locally).</summary>
    [Required]
    public string? ConnectionString { get; set; }

    /// <summary>The container of the consumers' checkpoints and ownership.</summary>
    [Required]
    public string CheckpointContainer { get; set; } = "event-checkpoints";
}
