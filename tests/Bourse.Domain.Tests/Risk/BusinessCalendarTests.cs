using Bourse.Domain.Risk;

namespace Bourse.Domain.Tests.Risk;

public sealed class BusinessCalendarTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("2026-03-09T15:59:59.9999999Z", "2026-03-09", "2026-03-08T16:00:00Z")] // 23:59:59.9999999 in Shanghai
    [InlineData("2026-03-09T16:00:00Z", "2026-03-10", "2026-03-09T16:00:00Z")] // midnight in Shanghai
    [InlineData("2026-03-10T02:00:00Z", "2026-03-10", "2026-03-09T16:00:00Z")]
    [InlineData("2026-12-31T16:00:00Z", "2027-01-01", "2026-12-31T16:00:00Z")]
    public void The_business_day_is_the_calendar_day_in_the_zone(string instant, string day, string start)
    {
        (DateOnly businessDay, DateTimeOffset dayStart) = BusinessCalendar.DayOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Shanghai);

        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), businessDay);
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), dayStart);
        Assert.Equal(TimeSpan.FromHours(8), dayStart.Offset);
    }

    [Fact]
    public void In_utc_the_day_starts_at_midnight_utc()
    {
        (DateOnly day, DateTimeOffset start) = BusinessCalendar.DayOf(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

        Assert.Equal(new DateOnly(2026, 3, 10), day);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero), start);
    }

    [Fact]
    public void On_a_daylight_saving_day_the_day_starts_at_local_midnight()
    {
        // New York moves its clocks forward at 02:00 on 2026-03-08: midnight is still 05:00Z (EST).
        TimeZoneInfo newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        (DateOnly day, DateTimeOffset start) = BusinessCalendar.DayOf(new DateTimeOffset(2026, 3, 8, 20, 0, 0, TimeSpan.Zero), newYork);

        Assert.Equal(new DateOnly(2026, 3, 8), day);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
    }
}
