// eventhubs-local: a local Event Hubs-compatible endpoint. Usage in Hosting/EventHubsLocalCommand.cs.
using Bourse.EventHubsLocal.Hosting;

return await EventHubsLocalCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
