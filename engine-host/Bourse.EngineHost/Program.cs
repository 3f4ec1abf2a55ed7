using Bourse.EngineHost.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
