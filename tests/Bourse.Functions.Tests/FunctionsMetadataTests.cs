using System.Reflection;
using System.Text.Json;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Reconciliation.Activities;

namespace Bourse.Functions.Tests;

/// <summary>
/// The <c>functions.metadata</c> the worker SDK generated for the app at build time is what the Functions host reads to
/// know the triggers: each one is checked here (no host runs on this machine).
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Dictionary<string, JsonElement> Functions = Load();

    private static Dictionary<string, JsonElement> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }

    private static string MetadataPath()
    {
        var configuration = typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "functions", "Bourse.Functions", "bin", configuration, "net10.0", "functions.metadata");
    }

    private static JsonElement Trigger(string function) =>
        Functions[function].GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static string[] BindingTypes(string function) =>
        [.. Functions[function].GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_host_never_lets_a_start_replace_a_running_orchestration()
    {
        // The extension's default (AnyState) lets a second start of an order's saga or a report run replace the running
        // one, losing the events it had received; the API's start claims keep it from asking, this keeps the backend from
        // doing it.
        var path = Path.Combine(Path.GetDirectoryName(MetadataPath())!, "host.json");
        using var host = JsonDocument.Parse(File.ReadAllText(path));

        var durableTask = host.RootElement.GetProperty("extensions").GetProperty("durableTask");

        Assert.Equal("NonRunningStates", durableTask.GetProperty("overridableExistingInstanceStates").GetString());
    }

    [Theory]
    [InlineData("SubmitOrder", "post", "orders", true, "function")]
    [InlineData("GetOrder", "get", "orders/{id}", true, "function")]
    [InlineData("CancelOrder", "post", "orders/{id}/cancel", true, "function")]
    [InlineData("GetAccount", "get", "accounts/{id}", false, "function")]
    [InlineData("StartReconciliation", "post", "reconciliations", true, "function")]
    [InlineData("GetReconciliation", "get", "reconciliations/{id}", true, "function")]
    [InlineData("StartReport", "post", "reports", true, "function")]
    [InlineData("GetReport", "get", "reports/{id}", true, "function")]
    [InlineData("GetUnits", "get", "units", false, "function")]
    [InlineData("Health", "get", "health", false, "anonymous")]
    public void Each_http_function_has_its_route_method_and_bindings(string name, string method, string route, bool durableClient, string authLevel)
    {
        var trigger = Trigger(name);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(durableClient ? ["durableClient", "http", "httpTrigger"] : ["http", "httpTrigger"], BindingTypes(name));
    }

    [Fact]
    public void The_reconciliation_timer_runs_on_the_configured_schedule_with_a_durable_client()
    {
        var trigger = Trigger("ScheduledReconciliation");

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%Reconciliation__Schedule%", trigger.GetProperty("schedule").GetString());
        Assert.Equal(["durableClient", "timerTrigger"], BindingTypes("ScheduledReconciliation"));
    }

    [Fact]
    public void The_reports_timer_runs_on_the_configured_schedule_with_a_durable_client()
    {
        var trigger = Trigger("ScheduledRegulatoryReports");

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%RegulatoryReports__Schedule%", trigger.GetProperty("schedule").GetString());
        Assert.Equal(["durableClient", "timerTrigger"], BindingTypes("ScheduledRegulatoryReports"));
    }

    [Fact]
    public void The_orchestrators_are_functions_under_the_names_the_clients_schedule()
    {
        Assert.Equal("orchestrationTrigger", Trigger(Bourse.Orchestrations.OrderToClearing.OrderToClearingOrchestration.Name).GetProperty("type").GetString());
        Assert.Equal("orchestrationTrigger", Trigger(Bourse.Orchestrations.Reconciliation.ReconciliationOrchestration.Name).GetProperty("type").GetString());
        Assert.Equal("orchestrationTrigger", Trigger(Bourse.Orchestrations.RegulatoryReports.RegulatoryReportOrchestration.Name).GetProperty("type").GetString());
    }

    [Fact]
    public void Every_activity_the_orchestrators_call_is_an_activity_function()
    {
        var names = typeof(ActivityNames).GetFields().Concat(typeof(ReconciliationActivityNames).GetFields())
            .Concat(typeof(Bourse.Orchestrations.RegulatoryReports.Activities.RegulatoryReportActivityNames).GetFields())
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(16, names.Count);
        Assert.All(names, name => Assert.Equal("activityTrigger", Trigger(name).GetProperty("type").GetString()));
    }

    [Fact]
    public void There_are_no_other_functions() => Assert.Equal(10 + 2 + 3 + 16, Functions.Count);
}
