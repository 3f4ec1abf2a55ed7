using Bourse.Orchestrations.Tests.Support;

namespace Bourse.Orchestrations.Tests.OrderToClearing;

/// <summary>One saga host shared by the tests of a class (each test uses its own accounts and orders).</summary>
public sealed class SagaHostFixture : IAsyncLifetime
{
    internal SagaHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await SagaHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
