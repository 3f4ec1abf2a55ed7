namespace Bourse.Adapters.Hosting;

/// <summary>A container the back office writes, with its partition key path: every adapter registers the ones it uses,
/// and <see cref="CosmosStoreInitializer"/> creates them in local mode.</summary>
/// <param name="Name">The container's id.</param>
/// <param name="PartitionKeyPath">Its partition key path (<c>/accountId</c>).</param>
public sealed record CosmosContainerSpec(string Name, string PartitionKeyPath);
