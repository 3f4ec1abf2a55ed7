using System.Globalization;
using Bourse.LocalRun;
using Bourse.LocalRun.Day;

// bourse-local day | bench-sagas
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("""
        usage: bourse-local day [--orders 300] [--rate 1.5] [--seed 1] [--keep-running] [--work DIR]
               bourse-local bench-sagas [--orders 1000] [--in-flight 100]
               bourse-local bench-http [--orders 1000]
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

double Rate(string name, double fallback) =>
    Text(name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

return args[0] switch
{
    "day" => await DayRun.RunAsync(
        new DayOptions(Option("--orders", 300), Rate("--rate", 1.5), Option("--seed", 1), args.Contains("--keep-running"), Text("--work")),
        Console.Out).ConfigureAwait(false),
    "bench-sagas" => await SagaBenchmark.RunAsync(Option("--orders", 1000), Option("--in-flight", 100), Console.Out).ConfigureAwait(false),
    "bench-http" => await HttpBenchmark.RunAsync(Option("--orders", 1000), Console.Out).ConfigureAwait(false),
    _ => Fail($"unknown verb '{args[0]}'"),
};

static int Fail(string message)
{
    Console.Error.WriteLine($"bourse-local: {message}");
    return 2;
}
