using System.Globalization;
using Bourse.LocalRun;
using Bourse.LocalRun.Day;

// bourse-local day | bench-sagas
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("""
        usage: bourse-local day [--orders 300] [--rate 1.5] [--seed 1] [--keep-running] [--work DIR]
               bourse-local bench-sagas [--orders 1000] [--in-flight 100] [--set KEY=VALUE ...]
               bourse-local bench-http [--orders 1000] [--set KEY=VALUE ...]
        --set gives the local host a setting (environment variable syntax, e.g. DurableTask__Sidecar__PartitionCount=4),
        to compare settings on the same build.
        """);
    return args.Length == 0 ? 2 : 0;
}

string? Text(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

int Option(string name, int fallback) =>
    Text(name) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

// Every "--set KEY=VALUE", for the local host's configuration.
Dictionary<string, string> Settings()
{
    var settings = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i++)
    {
        if (args[i] == "--set" && args[i + 1].Split('=', 2) is [{ Length: > 0 } key, var value])
        {
            settings[key] = value;
        }
    }

    return settings;
}

double Rate(string name, double fallback) =>
    Text(name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

return args[0] switch
{
    "day" => await DayRun.RunAsync(
        new DayOptions(Option("--orders", 300), Rate("--rate", 1.5), Option("--seed", 1), args.Contains("--keep-running"), Text("--work")),
        Console.Out).ConfigureAwait(false),
    "bench-sagas" => await SagaBenchmark.RunAsync(Option("--orders", 1000), Option("--in-flight", 100), Settings(), Console.Out).ConfigureAwait(false),
    "bench-http" => await HttpBenchmark.RunAsync(Option("--orders", 1000), Settings(), Console.Out).ConfigureAwait(false),
    _ => Fail($"unknown verb '{args[0]}'"),
};

static int Fail(string message)
{
    Console.Error.WriteLine($"bourse-local: {message}");
    return 2;
}
