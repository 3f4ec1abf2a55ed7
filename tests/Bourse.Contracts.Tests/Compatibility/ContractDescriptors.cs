using System.Reflection;
using Bourse.Contracts.Engine.V1;
using Google.Protobuf.Reflection;

namespace Bourse.Contracts.Tests.Compatibility;

/// <summary>The contracts' descriptors: the last released ones (embedded from engine-host/protos/released) and the current ones.</summary>
internal static class ContractDescriptors
{
    public const string ReleasedResource = "released/bourse-engine-v1.binpb";

    /// <summary>The descriptor set that engine-host/protos/release.sh wrote last.</summary>
    public static FileDescriptorSet LoadReleased()
    {
        using var stream = typeof(ContractDescriptors).Assembly.GetManifestResourceStream(ReleasedResource)
            ?? throw new InvalidOperationException($"embedded resource {ReleasedResource} is missing");
        return FileDescriptorSet.Parser.ParseFrom(stream);
    }

    /// <summary>
    /// Every .proto file compiled into Bourse.Contracts, with its imports: found through the generated
    /// <c>...Reflection</c> classes, so that a new file needs no change here.
    /// </summary>
    public static IReadOnlyList<FileDescriptor> Current()
    {
        var roots = typeof(OrderEntryReflection).Assembly.GetTypes()
            .Where(t => t.IsClass && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>();

        var files = new SortedDictionary<string, FileDescriptor>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>(roots);
        while (pending.Count > 0)
        {
            var file = pending.Pop();
            if (files.TryAdd(file.Name, file))
            {
                foreach (var dependency in file.Dependencies)
                {
                    pending.Push(dependency);
                }
            }
        }

        return [.. files.Values];
    }

    /// <summary>The current files as descriptor protos, the form the released set holds.</summary>
    public static IReadOnlyList<FileDescriptorProto> CurrentProtos() => [.. Current().Select(f => f.ToProto())];
}
