using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bourse.BackOfficeApi;

/// <summary>The API's JSON: camelCase, enums as camelCase strings, and strict on input.</summary>
public static class BackOfficeJson
{
    /// <summary>
    /// The options of every request and response. Strict reading: numbers must be JSON numbers (a quoted quantity is
    /// a wrong type, not a convenience), unknown members are refused (a misspelt <c>quantiy</c> must not be ignored
    /// and leave the real field missing), and no trailing commas or comments.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        // Enum values as names only: "side": 1 is refused, as is any name the enum does not have.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
