namespace Bourse.LocalHost.Tests.Support;

/// <summary>The test classes that leave the stack as they found it share one local back office (starting one takes
/// seconds); a test that kills a process of it starts its own.</summary>
[CollectionDefinition(Name)]
public sealed class SharedLocalBackOffice : ICollectionFixture<LocalBackOfficeFixture>
{
    public const string Name = "local back office";
}
