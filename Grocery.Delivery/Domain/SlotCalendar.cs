namespace Grocery.Delivery.Domain;

/// <summary>Expands a zone's weekly templates into concrete windows for the coming days.</summary>
public static class SlotCalendar
{
    public static IReadOnlyList<PlannedSlot> Plan(Zone zone, DateTimeOffset now, int days)
    {
        var timeZone = zone.TimeZone;
        var today = ZoneClock.Today(now, timeZone);
        var planned = new List<PlannedSlot>();
        for (var offset = 0; offset < days; offset++)
        {
            var date = today.AddDays(offset);
            foreach (var template in zone.Templates.Where(t => t.DayOfWeek == date.DayOfWeek))
            {
                var start = ZoneClock.ToUtc(date, template.StartTime, timeZone);
                // A window ending at or before its start crosses midnight.
                var endDate = template.EndTime <= template.StartTime ? date.AddDays(1) : date;
                var end = ZoneClock.ToUtc(endDate, template.EndTime, timeZone);
                if (end <= now) continue;
                planned.Add(new PlannedSlot(template.Id, start, end, start.AddMinutes(-template.CutoffMinutes),
                    template.Capacity, template.IsPeak, zone.FeeFor(template)));
            }
        }
        return planned;
    }
}
