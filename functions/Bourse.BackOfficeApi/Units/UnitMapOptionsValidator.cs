using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi.Units;

/// <summary>
/// Checks the unit map as a whole, at start: what the attributes cannot say about one member. A map every unit would
/// read differently, or one that homes nobody, must stop the host rather than misroute its first order.
/// </summary>
public sealed class UnitMapOptionsValidator : IValidateOptions<UnitMapOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, UnitMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < options.Map.Count; i++)
        {
            var unit = options.Map[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{UnitMapOptions.SectionName}:Map:{i}");
            if (string.IsNullOrWhiteSpace(unit.Name))
            {
                failures.Add($"{at}:Name is required.");
            }
            // Names differing only in case would hash apart yet read as one unit to an operator.
            else if (!names.Add(unit.Name))
            {
                failures.Add($"{at}:Name '{unit.Name}' appears twice (names are compared without case).");
            }

            if (unit.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{at}:BaseUrl must be an absolute http or https URL.");
            }
            else if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
            {
                failures.Add($"{at}:BaseUrl must have no query or fragment.");
            }

            if (unit.State == UnitState.Degraded)
            {
                failures.Add($"{at}:State must be Healthy or Draining: degraded is measured by the probes, not configured.");
            }

            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(unit, new ValidationContext(unit), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{at}: {r.ErrorMessage}"));
            }
        }

        if (string.IsNullOrWhiteSpace(options.Self))
        {
            failures.Add($"{UnitMapOptions.SectionName}:Self is required with a unit map: it names this unit.");
        }
        else if (!options.Map.Any(u => string.Equals(u.Name, options.Self, StringComparison.Ordinal)))
        {
            failures.Add($"{UnitMapOptions.SectionName}:Self '{options.Self}' is not a unit of the map.");
        }

        if (options.Map.All(u => u.State == UnitState.Draining))
        {
            failures.Add($"{UnitMapOptions.SectionName}:Map has no unit that is not draining: no user would have a home.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
