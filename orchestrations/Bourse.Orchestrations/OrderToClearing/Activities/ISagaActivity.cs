namespace Bourse.Orchestrations.OrderToClearing.Activities;

/// <summary>
/// The logic of one activity, in a plain class with its ports injected by the constructor, so that any host calls the
/// same code: the Durable Task worker through <see cref="Hosting.DurableTaskRegistryExtensions"/>, the Azure Functions
/// app from an <c>[ActivityTrigger]</c> function that resolves the class. Activities run at least once: every
/// implementation is idempotent by a business id. A business refusal is a result; an exception means "retry me".
/// </summary>
/// <typeparam name="TInput">The activity's input.</typeparam>
/// <typeparam name="TOutput">The activity's output.</typeparam>
public interface ISagaActivity<in TInput, TOutput>
{
    /// <summary>Runs the activity.</summary>
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken = default);
}
