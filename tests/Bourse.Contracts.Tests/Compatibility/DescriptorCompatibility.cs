using Google.Protobuf.Reflection;

namespace Bourse.Contracts.Tests.Compatibility;

/// <summary>
/// Compares released .proto descriptors with current ones and lists every change that would break a reader or writer
/// built from the released contracts: on the wire, in JSON, or in the generated code.
/// </summary>
/// <remarks>
/// Messages, enums and services are matched by full name across all files, so moving a type between files is not a
/// break here. Each finding names the element (<c>package.Message.field (field N)</c>) and the change. Additions are
/// never findings.
/// </remarks>
internal static class DescriptorCompatibility
{
    /// <summary>Every breaking change from <paramref name="released"/> to <paramref name="current"/>, in a stable order.</summary>
    public static IReadOnlyList<string> FindBreakingChanges(IEnumerable<FileDescriptorProto> released, IEnumerable<FileDescriptorProto> current)
    {
        ArgumentNullException.ThrowIfNull(released);
        ArgumentNullException.ThrowIfNull(current);
        var before = SchemaIndex.Of(released);
        var after = SchemaIndex.Of(current);
        var findings = new List<string>();

        foreach (var (fileName, file) in before.Files)
        {
            if (after.Files.TryGetValue(fileName, out var now))
            {
                CompareFiles(file, now, findings);
            }
        }

        foreach (var (name, message) in before.Messages)
        {
            if (after.Messages.TryGetValue(name, out var now))
            {
                CompareMessages(name, message, now, findings);
            }
            else
            {
                findings.Add($"{name}: message removed");
            }
        }

        foreach (var (name, enumType) in before.Enums)
        {
            if (after.Enums.TryGetValue(name, out var now))
            {
                CompareEnums(name, enumType, now, findings);
            }
            else
            {
                findings.Add($"{name}: enum removed");
            }
        }

        foreach (var (name, service) in before.Services)
        {
            if (after.Services.TryGetValue(name, out var now))
            {
                CompareServices(name, service, now, findings);
            }
            else
            {
                findings.Add($"{name}: service removed");
            }
        }

        return findings;
    }

    private static void CompareFiles(FileDescriptorProto before, FileDescriptorProto after, List<string> findings)
    {
        if (before.Package != after.Package)
        {
            findings.Add($"{before.Name}: package changed from '{before.Package}' to '{after.Package}'");
        }

        var namespaceBefore = before.Options?.CsharpNamespace ?? "";
        var namespaceAfter = after.Options?.CsharpNamespace ?? "";
        if (namespaceBefore != namespaceAfter)
        {
            findings.Add($"{before.Name}: csharp_namespace changed from '{namespaceBefore}' to '{namespaceAfter}'");
        }
    }

    private static void CompareMessages(string messageName, DescriptorProto before, DescriptorProto after, List<string> findings)
    {
        var afterByNumber = after.Field.ToDictionary(f => f.Number);
        var afterByName = after.Field.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var beforeNumbers = before.Field.Select(f => f.Number).ToHashSet();

        foreach (var field in before.Field)
        {
            var where = $"{messageName}.{field.Name} (field {field.Number})";
            if (afterByNumber.TryGetValue(field.Number, out var now))
            {
                if (now.Name != field.Name)
                {
                    findings.Add($"{where}: field number {field.Number} now names '{now.Name}'; a number must never be reused or its field renamed");
                }

                CompareFields(where, before, field, after, now, findings);
            }
            else if (afterByName.TryGetValue(field.Name, out var renumbered))
            {
                findings.Add($"{where}: renumbered from {field.Number} to {renumbered.Number}");
            }
            else
            {
                var numberReserved = IsReserved(after.ReservedRange, field.Number);
                var nameReserved = after.ReservedName.Contains(field.Name);
                if (!numberReserved || !nameReserved)
                {
                    var missing = (numberReserved, nameReserved) switch
                    {
                        (false, false) => $"its number and name; add: reserved {field.Number}; reserved \"{field.Name}\";",
                        (false, true) => $"its number; add: reserved {field.Number};",
                        _ => $"its name; add: reserved \"{field.Name}\";",
                    };
                    findings.Add($"{where}: removed without reserving {missing}");
                }
            }
        }

        foreach (var field in after.Field.Where(f => !beforeNumbers.Contains(f.Number)))
        {
            var where = $"{messageName}.{field.Name} (field {field.Number})";
            if (IsReserved(before.ReservedRange, field.Number))
            {
                findings.Add($"{where}: takes number {field.Number}, which was reserved");
            }

            if (before.ReservedName.Contains(field.Name) && !before.Field.Any(f => f.Name == field.Name))
            {
                findings.Add($"{where}: takes name '{field.Name}', which was reserved");
            }
        }

        foreach (var range in before.ReservedRange)
        {
            if (FirstUnreserved(after.ReservedRange, range.Start, range.End) is int number)
            {
                findings.Add($"{messageName}: reserved number {number} is no longer reserved");
            }
        }

        foreach (var name in before.ReservedName.Where(n => !after.ReservedName.Contains(n)))
        {
            findings.Add($"{messageName}: reserved name '{name}' is no longer reserved");
        }
    }

    private static void CompareFields(
        string where, DescriptorProto messageBefore, FieldDescriptorProto before, DescriptorProto messageAfter, FieldDescriptorProto after, List<string> findings)
    {
        var typeBefore = TypeOf(before);
        var typeAfter = TypeOf(after);
        if (typeBefore != typeAfter)
        {
            findings.Add($"{where}: type changed from {typeBefore} to {typeAfter}");
        }

        if (before.Label != after.Label)
        {
            findings.Add($"{where}: label changed from {LabelOf(before)} to {LabelOf(after)}");
        }

        if (before.Proto3Optional != after.Proto3Optional)
        {
            findings.Add($"{where}: presence changed from {PresenceOf(before)} to {PresenceOf(after)}");
        }

        var oneofBefore = RealOneofOf(messageBefore, before);
        var oneofAfter = RealOneofOf(messageAfter, after);
        if (oneofBefore != oneofAfter)
        {
            findings.Add((oneofBefore, oneofAfter) switch
            {
                (null, _) => $"{where}: moved into oneof '{oneofAfter}'",
                (_, null) => $"{where}: moved out of oneof '{oneofBefore}'",
                _ => $"{where}: moved from oneof '{oneofBefore}' to oneof '{oneofAfter}'",
            });
        }
    }

    private static void CompareEnums(string enumName, EnumDescriptorProto before, EnumDescriptorProto after, List<string> findings)
    {
        var afterByName = after.Value.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var beforeNumbers = before.Value.Select(v => v.Number).ToHashSet();

        foreach (var value in before.Value)
        {
            var where = $"{enumName}.{value.Name} (value {value.Number})";
            if (afterByName.TryGetValue(value.Name, out var now))
            {
                if (now.Number != value.Number)
                {
                    findings.Add($"{where}: renumbered from {value.Number} to {now.Number}");
                }
            }
            else if (after.Value.FirstOrDefault(v => v.Number == value.Number) is { } reused)
            {
                findings.Add($"{where}: value number {value.Number} now names '{reused.Name}'; a number must never be reused or its value renamed");
            }
            else
            {
                var numberReserved = after.ReservedRange.Any(r => r.Start <= value.Number && value.Number <= r.End);
                var nameReserved = after.ReservedName.Contains(value.Name);
                if (!numberReserved || !nameReserved)
                {
                    var missing = (numberReserved, nameReserved) switch
                    {
                        (false, false) => $"its number and name; add: reserved {value.Number}; reserved \"{value.Name}\";",
                        (false, true) => $"its number; add: reserved {value.Number};",
                        _ => $"its name; add: reserved \"{value.Name}\";",
                    };
                    findings.Add($"{where}: removed without reserving {missing}");
                }
            }
        }

        foreach (var value in after.Value.Where(v => !beforeNumbers.Contains(v.Number)))
        {
            if (before.ReservedRange.Any(r => r.Start <= value.Number && value.Number <= r.End))
            {
                findings.Add($"{enumName}.{value.Name} (value {value.Number}): takes number {value.Number}, which was reserved");
            }
        }

        foreach (var value in after.Value.Where(v => before.ReservedName.Contains(v.Name) && !before.Value.Any(b => b.Name == v.Name)))
        {
            findings.Add($"{enumName}.{value.Name} (value {value.Number}): takes name '{value.Name}', which was reserved");
        }

        foreach (var range in before.ReservedRange)
        {
            // Enum reserved ranges are inclusive at both ends; message ones exclude their end.
            var kept = after.ReservedRange.Select(r => (r.Start, End: r.End == int.MaxValue ? int.MaxValue : r.End + 1));
            var end = range.End == int.MaxValue ? int.MaxValue : range.End + 1;
            if (FirstUncovered(kept, range.Start, end) is int number)
            {
                findings.Add($"{enumName}: reserved value number {number} is no longer reserved");
            }
        }

        foreach (var name in before.ReservedName.Where(n => !after.ReservedName.Contains(n)))
        {
            findings.Add($"{enumName}: reserved value name '{name}' is no longer reserved");
        }
    }

    private static void CompareServices(string serviceName, ServiceDescriptorProto before, ServiceDescriptorProto after, List<string> findings)
    {
        var afterByName = after.Method.ToDictionary(m => m.Name, StringComparer.Ordinal);
        foreach (var method in before.Method)
        {
            var where = $"{serviceName}.{method.Name}";
            if (!afterByName.TryGetValue(method.Name, out var now))
            {
                findings.Add($"{where}: method removed");
                continue;
            }

            if (now.InputType != method.InputType)
            {
                findings.Add($"{where}: request type changed from {method.InputType.TrimStart('.')} to {now.InputType.TrimStart('.')}");
            }

            if (now.OutputType != method.OutputType)
            {
                findings.Add($"{where}: response type changed from {method.OutputType.TrimStart('.')} to {now.OutputType.TrimStart('.')}");
            }

            if (now.ClientStreaming != method.ClientStreaming || now.ServerStreaming != method.ServerStreaming)
            {
                findings.Add($"{where}: streaming changed from {StreamingOf(method)} to {StreamingOf(now)}");
            }
        }
    }

    private static string TypeOf(FieldDescriptorProto field) => field.Type switch
    {
        FieldDescriptorProto.Types.Type.Message or FieldDescriptorProto.Types.Type.Enum or FieldDescriptorProto.Types.Type.Group =>
            field.TypeName.TrimStart('.'),
        _ => field.Type.ToString().ToLowerInvariant(),
    };

    private static string LabelOf(FieldDescriptorProto field) => field.Label switch
    {
        FieldDescriptorProto.Types.Label.Repeated => "repeated",
        FieldDescriptorProto.Types.Label.Required => "required",
        _ => "singular",
    };

    private static string PresenceOf(FieldDescriptorProto field) => field.Proto3Optional ? "explicit (optional)" : "implicit";

    private static string StreamingOf(MethodDescriptorProto method) => (method.ClientStreaming, method.ServerStreaming) switch
    {
        (false, false) => "unary",
        (true, false) => "client streaming",
        (false, true) => "server streaming",
        _ => "bidirectional streaming",
    };

    /// <summary>The field's oneof, or null; the synthetic oneof of a proto3 <c>optional</c> field does not count.</summary>
    private static string? RealOneofOf(DescriptorProto message, FieldDescriptorProto field) =>
        field.HasOneofIndex && !field.Proto3Optional ? message.OneofDecl[field.OneofIndex].Name : null;

    /// <summary>Message reserved ranges: start inclusive, end exclusive.</summary>
    private static bool IsReserved(IEnumerable<DescriptorProto.Types.ReservedRange> ranges, int number) =>
        ranges.Any(r => r.Start <= number && number < r.End);

    private static int? FirstUnreserved(IEnumerable<DescriptorProto.Types.ReservedRange> ranges, int start, int end) =>
        FirstUncovered(ranges.Select(r => (r.Start, r.End)), start, end);

    /// <summary>The first number in [start, end) that none of the half-open ranges covers, or null.</summary>
    private static int? FirstUncovered(IEnumerable<(int Start, int End)> ranges, int start, int end)
    {
        var sorted = ranges.OrderBy(r => r.Start).ToList();
        var next = start;
        foreach (var (rangeStart, rangeEnd) in sorted)
        {
            if (next >= end)
            {
                break;
            }

            if (rangeStart > next)
            {
                return next;
            }

            next = Math.Max(next, rangeEnd);
        }

        return next < end ? next : null;
    }

    /// <summary>Every message, enum and service of a set of files by full name (no leading dot), and the files by name.</summary>
    private sealed class SchemaIndex
    {
        public SortedDictionary<string, FileDescriptorProto> Files { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, DescriptorProto> Messages { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, EnumDescriptorProto> Enums { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, ServiceDescriptorProto> Services { get; } = new(StringComparer.Ordinal);

        public static SchemaIndex Of(IEnumerable<FileDescriptorProto> files)
        {
            var index = new SchemaIndex();
            foreach (var file in files)
            {
                if (!index.Files.TryAdd(file.Name, file))
                {
                    throw new ArgumentException($"file {file.Name} appears twice", nameof(files));
                }

                var prefix = file.Package.Length == 0 ? "" : file.Package + ".";
                foreach (var message in file.MessageType)
                {
                    index.AddMessage(prefix + message.Name, message);
                }

                foreach (var enumType in file.EnumType)
                {
                    index.Enums.Add(prefix + enumType.Name, enumType);
                }

                foreach (var service in file.Service)
                {
                    index.Services.Add(prefix + service.Name, service);
                }
            }

            return index;
        }

        private void AddMessage(string name, DescriptorProto message)
        {
            Messages.Add(name, message);
            foreach (var nested in message.NestedType)
            {
                AddMessage(name + "." + nested.Name, nested);
            }

            foreach (var enumType in message.EnumType)
            {
                Enums.Add(name + "." + enumType.Name, enumType);
            }
        }
    }
}
