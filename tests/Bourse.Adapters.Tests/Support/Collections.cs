namespace Bourse.Adapters.Tests.Support;

/// <summary>The test classes that share one Cosmos DB server (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SharedCosmosServer : ICollectionFixture<CosmosFixture>
{
    public const string Name = "cosmos";
}
