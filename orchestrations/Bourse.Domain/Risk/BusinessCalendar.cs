namespace Bourse.Domain.Risk;

/// <summary>The business day an instant falls on, in a given time zone, and the instant that day starts.</summary>
internal static class BusinessCalendar
{
    /// <summary>The calendar day of <paramref name="instant"/> in <paramref name="zone"/>, and the first instant of that day.</summary>
    public static (DateOnly Day, DateTimeOffset Start) DayOf(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        DateTimeOffset local = TimeZoneInfo.ConvertTime(instant, zone);
        DateOnly day = DateOnly.FromDateTime(local.DateTime);
        DateTime midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(midnight))
        {
            // Clocks that skip midnight (a daylight-saving change at 00:00): the day starts at its first valid minute.
            midnight = midnight.AddMinutes(1);
        }

        // At an ambiguous midnight (clocks set back over it) the day starts at the earlier of the two instants.
        TimeSpan offset = zone.IsAmbiguousTime(midnight) ? zone.GetAmbiguousTimeOffsets(midnight).Max() : zone.GetUtcOffset(midnight);
        return (day, new DateTimeOffset(midnight, offset));
    }
}
