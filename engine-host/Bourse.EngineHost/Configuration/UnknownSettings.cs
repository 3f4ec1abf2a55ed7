using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Bourse.EngineHost.Configuration;

/// <summary>
/// Finds configuration keys that no options property reads (<c>TickSzie</c> for <c>TickSize</c>), each named by its full
/// path. The binder ignores them, so a misspelt setting would silently keep its default; its own
/// <c>ErrorOnUnknownConfiguration</c> does not say where the key is.
/// </summary>
internal static class UnknownSettings
{
    /// <summary>One message per key under <paramref name="section"/> that <paramref name="optionsType"/> has no property for.</summary>
    public static IReadOnlyList<string> Find(IConfigurationSection section, Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(optionsType);
        var found = new List<string>();
        FindInObject(section, optionsType, found);
        return found;
    }

    private static void FindInObject(IConfigurationSection section, Type type, List<string> found)
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            PropertyInfo? property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                string settings = string.Join(", ", type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name));
                found.Add($"{child.Path} is not a setting; those of {section.Path} are {settings}");
            }
            else
            {
                FindInValue(child, property.PropertyType, found);
            }
        }
    }

    private static void FindInValue(IConfigurationSection section, Type type, List<string> found)
    {
        Type? element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>) ? type.GetGenericArguments()[0] : null;
        if (element is not null)
        {
            foreach (IConfigurationSection item in section.GetChildren())
            {
                FindInValue(item, element, found);
            }
        }
        else if (IsScalar(Nullable.GetUnderlyingType(type) ?? type))
        {
            if (section.GetChildren().Any())
            {
                found.Add($"{section.Path} is a single value, not a section or a list");
            }
        }
        else
        {
            FindInObject(section, type, found);
        }
    }

    private static bool IsScalar(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal);
}
