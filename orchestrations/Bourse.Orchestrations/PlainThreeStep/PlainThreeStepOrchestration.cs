using Microsoft.DurableTask;

namespace Bourse.Orchestrations.PlainThreeStep;

/// <summary>
/// The benchmark baseline: three activities in sequence that do nothing but append their name. It measures what the
/// Durable Task machinery itself costs per orchestration (scheduling, history, replay), to set the saga's numbers against.
/// </summary>
public static class PlainThreeStepOrchestration
{
    /// <summary>The orchestration's registered name.</summary>
    public const string Name = "PlainThreeStep";

    /// <summary>The first activity's name.</summary>
    public const string StepOne = "PlainStepOne";

    /// <summary>The second activity's name.</summary>
    public const string StepTwo = "PlainStepTwo";

    /// <summary>The third activity's name.</summary>
    public const string StepThree = "PlainStepThree";

    /// <summary>Registers <see cref="RunAsync"/> under <see cref="Name"/>.</summary>
    internal static void Register(DurableTaskRegistry registry) => registry.AddOrchestratorFunc<string, string>(Name, RunAsync);

    /// <summary>Calls the three steps in turn, each on the previous one's output.</summary>
    public static async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        string one = await context.CallActivityAsync<string>(StepOne, input);
        string two = await context.CallActivityAsync<string>(StepTwo, one);
        return await context.CallActivityAsync<string>(StepThree, two);
    }

    /// <summary>What every step does: appends <paramref name="step"/> to <paramref name="input"/>.</summary>
    public static string Step(string step, string? input) => string.IsNullOrEmpty(input) ? step : $"{input}>{step}";
}
