using Bourse.EngineHost.Commands;

namespace Bourse.EngineHost.Tests.Commands;

/// <summary>Pins the PRNG: a changed draw changes every generated stream.</summary>
public sealed class Xoshiro256StarStarTests
{
    [Fact]
    public void SplitMix64_matches_the_published_sequence()
    {
        ulong zero = 0;
        ulong state = 1234567;

        Assert.Equal(0xE220A8397B1DCDAFUL, Xoshiro256StarStar.SplitMix64(ref zero));
        Assert.Equal(
            [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL],
            Enumerable.Range(0, 5).Select(_ => Xoshiro256StarStar.SplitMix64(ref state)).ToArray());
    }

    [Fact]
    public void Xoshiro256StarStar_seeded_by_SplitMix64_gives_a_fixed_sequence()
    {
        var random = new Xoshiro256StarStar(42);

        Assert.Equal(
            [1546998764402558742UL, 6990951692964543102UL, 12544586762248559009UL, 17057574109182124193UL],
            Enumerable.Range(0, 4).Select(_ => random.NextUInt64()).ToArray());
    }

    [Fact]
    public void Bounded_draws_stay_in_range_and_cover_it()
    {
        var random = new Xoshiro256StarStar(7);
        var seen = new int[10];
        for (int i = 0; i < 10_000; i++)
        {
            seen[random.NextInt(10)]++;
        }

        int inclusive = random.NextInt(3, 3);

        Assert.All(seen, count => Assert.InRange(count, 850, 1_150));
        Assert.Equal(3, inclusive);
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
    }
}
