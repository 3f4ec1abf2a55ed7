using Bourse.Contracts.Tests.Compatibility;
using Google.Protobuf.Reflection;

namespace Bourse.Contracts.Tests.Messages;

/// <summary>The house rules of engine-host/protos/README.md, checked on every message and enum compiled into the contracts.</summary>
public sealed class ContractConventionTests
{
    private static readonly IReadOnlyList<FileDescriptor> Files = ContractDescriptors.Current();

    [Fact]
    public void Every_file_is_in_the_v1_package_and_csharp_namespace()
    {
        Assert.All(Files, file =>
        {
            Assert.Equal("bourse.engine.v1", file.Package);
            Assert.Equal("Bourse.Contracts.Engine.V1", file.GetOptions().CsharpNamespace);
            Assert.StartsWith("bourse/engine/v1/", file.Name, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void No_field_is_floating_point()
    {
        var floating = AllMessages()
            .SelectMany(m => m.Fields.InFieldNumberOrder())
            .Where(f => f.FieldType is FieldType.Double or FieldType.Float)
            .Select(f => f.FullName);

        Assert.Empty(floating);
    }

    [Fact]
    public void Every_enum_starts_with_its_unspecified_zero_and_prefixes_its_values()
    {
        var enums = Files.SelectMany(f => f.EnumTypes).Concat(AllMessages().SelectMany(m => m.EnumTypes)).ToList();

        Assert.NotEmpty(enums);
        Assert.All(enums, enumType =>
        {
            var prefix = ScreamingSnake(enumType.Name) + "_";
            Assert.Equal(prefix + "UNSPECIFIED", enumType.FindValueByNumber(0)?.Name);
            Assert.All(enumType.Values, v => Assert.StartsWith(prefix, v.Name, StringComparison.Ordinal));
        });
    }

    private static IEnumerable<MessageDescriptor> AllMessages()
    {
        var pending = new Stack<MessageDescriptor>(Files.SelectMany(f => f.MessageTypes));
        while (pending.Count > 0)
        {
            var message = pending.Pop();
            yield return message;
            foreach (var nested in message.NestedTypes)
            {
                pending.Push(nested);
            }
        }
    }

    private static string ScreamingSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
