using System.Diagnostics.CodeAnalysis;

namespace Bourse.Engine.Pipeline;

/// <summary>
/// A consumer's logic, called by <see cref="BatchEventProcessor{T, THandler}"/> on its thread for every published slot,
/// in sequence order.
/// </summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
/// <remarks>
/// A struct implementation is called directly (the processor is generic over the handler type, so the JIT
/// specialises it and can inline <see cref="OnEvent"/>); a class implementation through the interface.
/// An exception from either method ends <see cref="BatchEventProcessor{T, THandler}.Run"/>.
/// </remarks>
[SuppressMessage(
    "Naming",
    "CA1711:Identifiers should not have incorrect suffix",
    Justification = "The Disruptor name for a consumer's callback, which readers of this code know; not a .NET event delegate.")]
public interface IEventHandler<T>
    where T : struct
{
    /// <summary>Processes one slot.</summary>
    /// <param name="data">The slot, in place. Valid only during the call: the producer reuses it once the batch is done.</param>
    /// <param name="sequence">The slot's sequence.</param>
    /// <param name="endOfBatch">
    /// Whether this is the last slot available right now: flush batched work (I/O, a publish downstream) here, since the
    /// next slot may be a long time coming.
    /// </param>
    void OnEvent(ref T data, long sequence, bool endOfBatch);

    /// <summary>Called before the first <see cref="OnEvent"/> of each batch. Optional: the default does nothing.</summary>
    /// <param name="batchSize">Slots in the batch (at least 1).</param>
    /// <remarks>
    /// The processor calls it only if the handler type implements it, because calling this default body on a struct
    /// handler would box the struct (an allocation per batch, and state changes lost on the copy).
    /// </remarks>
    void OnBatchStart(long batchSize)
    {
    }
}
