using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Bourse.Engine.Pipeline;

/// <summary>
/// A pre-allocated ring of <typeparamref name="T"/> slots between one producer thread and one or more consumer threads
/// (Disruptor style). Slots are structs written and read in place through <see cref="this[long]"/>; nothing is
/// allocated after construction.
/// </summary>
/// <typeparam name="T">The slot type, e.g. <c>OrderCommand</c>. Slots are reused: a consumer must copy what it keeps.</typeparam>
/// <remarks>
/// <para>Claiming, publishing and gating are on <see cref="RingBuffer"/>; consume with <see cref="BatchEventProcessor{T, THandler}"/>.</para>
/// <para>
/// The slot array has <c>_bufferPad</c> unused slots at each end (at least <see cref="CacheLine.Size"/> bytes), so the
/// first and last slots, which the producer writes, never share a cache line with whatever the heap put next to the
/// array. <c>RingBufferLayoutTests</c> pins the padding.
/// </para>
/// </remarks>
public sealed class RingBuffer<T> : RingBuffer
    where T : struct
{
    /// <param name="bufferSize">Slots: a power of two, at least 1. The engine uses 1,024 to 65,536.</param>
    /// <param name="waitStrategy">How consumers wait; see <see cref="IWaitStrategy"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferSize"/> is not a positive power of two.</exception>
    public RingBuffer(int bufferSize, IWaitStrategy waitStrategy)
        : base(AllocateEntries(bufferSize), bufferSize, PadSlots, waitStrategy)
    {
    }

    /// <summary>Unused slots at each end of the array: enough for one cache line, rounded up to whole slots.</summary>
    internal static int PadSlots { get; } = (CacheLine.Size + Unsafe.SizeOf<T>() - 1) / Unsafe.SizeOf<T>();

    /// <summary>The slot array, padding included.</summary>
    internal T[] Entries => Unsafe.As<T[]>(_entries);

    /// <summary>
    /// The slot for <paramref name="sequence"/>: write it between claiming and publishing the sequence, read it in a
    /// consumer once a barrier has returned a sequence at or past it.
    /// </summary>
    /// <remarks>No bounds check: the index is masked into the ring, and the padding slots are never handed out.</remarks>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            // _entries is always a T[] (set by this type's constructor), so the unchecked cast is safe.
            ref var first = ref MemoryMarshal.GetArrayDataReference(Unsafe.As<T[]>(_entries));
            return ref Unsafe.Add(ref first, _bufferPad + (nint)(sequence & _indexMask));
        }
    }

    private static T[] AllocateEntries(int bufferSize)
    {
        if (bufferSize < 1 || !BitOperations.IsPow2(bufferSize))
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "The buffer size must be a positive power of two.");
        }

        return new T[checked(bufferSize + (2 * PadSlots))];
    }
}
