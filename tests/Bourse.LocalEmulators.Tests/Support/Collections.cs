namespace Bourse.LocalEmulators.Tests.Support;

/// <summary>The test classes that share one Cosmos DB server (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SharedCosmosServer : ICollectionFixture<CosmosFixture>
{
    public const string Name = "cosmos";
}

/// <summary>The test classes that share one in-memory Azurite (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SharedAzurite : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
