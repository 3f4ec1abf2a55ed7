using System.Globalization;
using Bourse.LocalRun;

// bourse-local bench-sagas [--orders N] [--in-flight N]
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: bourse-local bench-sagas [--orders 1000] [--in-flight 100]");
    return args.Length == 0 ? 2 : 0;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
        ? value
        : fallback;
}

return args[0] switch
{
    "bench-sagas" => await SagaBenchmark.RunAsync(Option("--orders", 1000), Option("--in-flight", 100), Console.Out).ConfigureAwait(false),
    _ => Fail($"unknown verb '{args[0]}'"),
};

static int Fail(string message)
{
    Console.Error.WriteLine($"bourse-local: {message}");
    return 2;
}
