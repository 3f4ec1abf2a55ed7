using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Bourse.Contracts.Tests.Compatibility;

/// <summary>
/// The contracts evolve without breaking anyone: the descriptors compiled into Bourse.Contracts are compared with the
/// last released ones (engine-host/protos/released, written by release.sh).
/// </summary>
public sealed class ContractCompatibilityTests
{
    [Fact]
    public void Current_contracts_keep_every_promise_of_the_released_ones()
    {
        var released = ContractDescriptors.LoadReleased();

        var breaks = DescriptorCompatibility.FindBreakingChanges(released.File, ContractDescriptors.CurrentProtos());

        Assert.True(
            breaks.Count == 0,
            "The contracts break the last release (engine-host/protos/released/bourse-engine-v1.binpb):\n  " +
            string.Join("\n  ", breaks) +
            "\nReserve what you remove, never reuse or renumber, and put a change that must break into a new package (see engine-host/protos/README.md).");
    }

    [Fact]
    public void Released_set_holds_the_contract_files_so_the_comparison_is_not_vacuous()
    {
        var released = ContractDescriptors.LoadReleased();

        var names = released.File.Select(f => f.Name).ToHashSet();
        Assert.Contains("bourse/engine/v1/common.proto", names);
        Assert.Contains("bourse/engine/v1/order_entry.proto", names);
        Assert.Contains("bourse/engine/v1/executions.proto", names);
        Assert.Contains("bourse/engine/v1/book_updates.proto", names);
        Assert.Contains(released.File, f => f.Service.Any(s => s.Name == "OrderEntry" && s.Method.Count == 4));
    }

    [Fact]
    public void Released_files_are_all_still_compiled_into_the_contracts()
    {
        var current = ContractDescriptors.Current().Select(f => f.Name).ToHashSet();

        var missing = ContractDescriptors.LoadReleased().File.Select(f => f.Name).Where(n => !current.Contains(n)).ToList();

        Assert.True(missing.Count == 0, "released files no longer compiled: " + string.Join(", ", missing));
    }

    [Fact]
    public void Released_set_is_self_contained()
    {
        // --include_imports: every import of a released file is in the set, so the set can be loaded on its own.
        var released = ContractDescriptors.LoadReleased();
        var names = released.File.Select(f => f.Name).ToHashSet();

        Assert.All(released.File, f => Assert.All(f.Dependency, d => Assert.Contains(d, names)));
        Assert.Equal(released.File.Count, FileDescriptor.BuildFromByteStrings(released.File.Select(f => f.ToByteString())).Count);
    }
}
