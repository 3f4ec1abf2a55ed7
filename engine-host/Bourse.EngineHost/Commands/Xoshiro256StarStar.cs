using System.Numerics;

namespace Bourse.EngineHost.Commands;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64. The generator owns its PRNG instead of using
/// <see cref="Random"/>, whose algorithm for a given seed is not promised to stay the same across runtimes: a stream
/// must be byte-identical for a seed on every machine and every .NET version.
/// </summary>
/// <remarks>Integer arithmetic only, so no platform's floating point can change a draw.</remarks>
internal struct Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        // SplitMix64 spreads any seed (0 included) over the 256-bit state, which must not be all zero.
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A value in [0, <paramref name="bound"/>).</summary>
    /// <remarks>
    /// Lemire's multiply-shift on the high 32 bits, without the rejection step: the bias is below bound / 2^32,
    /// far under anything a test stream can show, and every draw costs exactly one step of the state.
    /// </remarks>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)(((NextUInt64() >> 32) * (ulong)bound) >> 32);
    }

    /// <summary>A value in [<paramref name="minInclusive"/>, <paramref name="maxInclusive"/>].</summary>
    public int NextInt(int minInclusive, int maxInclusive) => minInclusive + NextInt(maxInclusive - minInclusive + 1);

    /// <summary><see langword="true"/> with probability <paramref name="perTenThousand"/> / 10,000.</summary>
    public bool Chance(int perTenThousand) => NextInt(10_000) < perTenThousand;

    internal static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
