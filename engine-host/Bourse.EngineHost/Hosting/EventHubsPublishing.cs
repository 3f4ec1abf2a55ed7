namespace Bourse.EngineHost.Hosting;

/// <summary>Where the host publishes executions and book updates: an Event Hubs namespace and its two hubs.</summary>
internal sealed record EventHubsPublishing(string ConnectionString, string ExecutionsHubName = "executions", string BookUpdatesHubName = "book-updates");
