using System.Globalization;
using Bourse.BackOfficeApi.Units;
using static Bourse.BackOfficeApi.Tests.Units.UnitSettings;

namespace Bourse.BackOfficeApi.Tests.Units;

/// <summary>The homes the rendezvous hash gives 100,000 synthetic users: even, stable, and moved only as much as a change of
/// the map must move them.</summary>
public sealed class UnitMapTests
{
    private const int Users = 100_000;
    private static readonly string[] Regions = ["SH", "SZ", "BJ"];

    private static (string Region, string User)[] SyntheticUsers() =>
        [.. Enumerable.Range(0, Users).Select(i => (Regions[i % Regions.Length], "user-" + i.ToString(CultureInfo.InvariantCulture)))];

    private static string[] HomesOf(UnitMap map, (string Region, string User)[] users) => [.. users.Select(u => map.HomeOf(u.Region, u.User).Name)];

    private static Dictionary<string, double> SharesOf(string[] homes) =>
        homes.GroupBy(h => h).ToDictionary(g => g.Key, g => g.Count() / (double)homes.Length);

    private static readonly (string, double, UnitState)[] Three =
        [("shanghai", 1, UnitState.Healthy), ("shenzhen", 1, UnitState.Healthy), ("beijing", 1, UnitState.Healthy)];

    [Fact]
    public void Three_units_share_the_users_evenly_within_a_percent()
    {
        var shares = SharesOf(HomesOf(MapOf("shanghai", Three), SyntheticUsers()));

        Assert.Equal(["beijing", "shanghai", "shenzhen"], shares.Keys.Order(StringComparer.Ordinal));
        Assert.All(shares.Values, share => Assert.InRange(share, 1 / 3.0 - 0.01, 1 / 3.0 + 0.01));
    }

    [Fact]
    public void A_fourth_unit_takes_about_a_quarter_of_the_users_and_every_one_it_takes_moves_to_it()
    {
        var users = SyntheticUsers();
        var before = HomesOf(MapOf("shanghai", Three), users);
        var after = HomesOf(MapOf("shanghai", [.. Three, ("chengdu", 1, UnitState.Healthy)]), users);

        var moved = Enumerable.Range(0, Users).Where(i => before[i] != after[i]).ToList();

        Assert.InRange(moved.Count / (double)Users, 0.24, 0.26);
        Assert.All(moved, i => Assert.Equal("chengdu", after[i]));
        // ... and it takes them from all three alike.
        Assert.All(moved.GroupBy(i => before[i]), g => Assert.InRange(g.Count() / (double)moved.Count, 1 / 3.0 - 0.02, 1 / 3.0 + 0.02));
    }

    [Fact]
    public void Removing_a_unit_moves_its_users_and_no_one_else()
    {
        var users = SyntheticUsers();
        var before = HomesOf(MapOf("shanghai", Three), users);
        var after = HomesOf(MapOf("shanghai", [.. Three.Where(u => u.Item1 != "shenzhen")]), users);

        for (int i = 0; i < Users; i++)
        {
            if (before[i] == "shenzhen")
            {
                Assert.NotEqual("shenzhen", after[i]);
            }
            else
            {
                Assert.Equal(before[i], after[i]);
            }
        }

        Assert.All(SharesOf(after).Values, share => Assert.InRange(share, 0.49, 0.51));
    }

    [Fact]
    public void A_draining_unit_homes_no_one_and_its_users_go_where_removing_it_would_send_them()
    {
        var users = SyntheticUsers();
        var drained = MapOf("shanghai", [("shanghai", 1, UnitState.Healthy), ("shenzhen", 1, UnitState.Draining), ("beijing", 1, UnitState.Healthy)]);
        var removed = MapOf("shanghai", [("shanghai", 1, UnitState.Healthy), ("beijing", 1, UnitState.Healthy)]);

        Assert.Equal(HomesOf(removed, users), HomesOf(drained, users));
        Assert.Equal(0.0, drained.ExpectedShareOf(drained.Units.Single(u => u.Name == "shenzhen")));
        Assert.Equal(0.5, drained.ExpectedShareOf(drained.Units.Single(u => u.Name == "beijing")));
    }

    [Fact]
    public void Weights_set_the_shares_and_the_expected_share_is_what_the_users_get()
    {
        var map = MapOf("shanghai", [("shanghai", 2, UnitState.Healthy), ("shenzhen", 1, UnitState.Healthy), ("beijing", 1, UnitState.Healthy)]);

        var shares = SharesOf(HomesOf(map, SyntheticUsers()));

        Assert.All(map.Units, unit => Assert.InRange(shares[unit.Name], map.ExpectedShareOf(unit) - 0.01, map.ExpectedShareOf(unit) + 0.01));
        Assert.Equal(0.5, map.ExpectedShareOf(map.Units[0]));
    }

    [Fact]
    public void The_order_the_units_are_listed_in_changes_no_home()
    {
        var users = SyntheticUsers()[..10_000];

        Assert.Equal(HomesOf(MapOf("shanghai", Three), users), HomesOf(MapOf("shanghai", [.. Enumerable.Reverse(Three)]), users));
    }

    [Fact]
    public void The_region_is_read_without_case_or_surrounding_spaces_and_is_part_of_the_key()
    {
        var map = MapOf("shanghai", Three);
        var users = SyntheticUsers()[..3_000].Select(u => u.User).ToList();

        Assert.All(users, user => Assert.Equal(map.HomeOf("SH", user), map.HomeOf(" sh ", user)));
        // The same user id in another region is another user: about two thirds of them land elsewhere.
        var differ = users.Count(user => map.HomeOf("SH", user) != map.HomeOf("BJ", user));
        Assert.InRange(differ / (double)users.Count, 0.6, 0.73);
    }

    /// <summary>Pinned, and computed outside .NET by an independent XXH64 over the same bytes: a home must not depend on the
    /// process, the machine or the release (<see cref="string.GetHashCode()"/> would change on every run).</summary>
    [Theory]
    [InlineData("SH", "u1", "shanghai", 17794781175680275869UL)]
    [InlineData("SZ", "u1", "shenzhen", 11408591973458855621UL)]
    [InlineData("", "trader-7", "beijing", 13065156739987186365UL)]
    public void The_hash_is_the_same_in_every_process(string region, string user, string unit, ulong expected) =>
        Assert.Equal(expected, RendezvousHash.Hash(region, user, unit));

    [Theory]
    [InlineData("SH", "u1", "shanghai")]
    [InlineData("SH", "u2", "shanghai")]
    [InlineData("SZ", "u3", "shenzhen")]
    [InlineData("BJ", "u4", "shanghai")]
    [InlineData("BJ", "u8", "beijing")]
    [InlineData("BJ", "alice", "shenzhen")]
    [InlineData(null, "bob", "shenzhen")]
    public void Known_users_have_their_pinned_homes(string? region, string user, string expected) =>
        Assert.Equal(expected, MapOf("shanghai", Three).HomeOf(region, user).Name);

    [Fact]
    public void Length_prefixes_keep_the_parts_apart() =>
        Assert.NotEqual(RendezvousHash.Hash("S", "Hu1", "shanghai"), RendezvousHash.Hash("SH", "u1", "shanghai"));

    [Fact]
    public void Scores_grow_with_the_hash_and_the_weight()
    {
        Assert.True(RendezvousHash.Score(ulong.MaxValue, 1) > RendezvousHash.Score(ulong.MaxValue / 2, 1));
        Assert.True(RendezvousHash.Score(1UL << 40, 2) > RendezvousHash.Score(1UL << 40, 1));
        Assert.All([0UL, 1UL, ulong.MaxValue], h => Assert.True(double.IsFinite(RendezvousHash.Score(h, 1)) && RendezvousHash.Score(h, 1) > 0));
    }

    [Fact]
    public void Without_a_map_there_is_no_self_and_no_home()
    {
        var map = new UnitMap(new UnitMapOptions());

        Assert.False(map.IsEnabled);
        Assert.Null(map.Self);
        Assert.Throws<InvalidOperationException>(() => map.HomeOf("SH", "u1"));
    }
}
