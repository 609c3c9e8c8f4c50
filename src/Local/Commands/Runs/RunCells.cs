using System.Globalization;

namespace Serverless.Local.Commands.Runs;

/// <summary>How the <c>runs</c> tables write times, durations and counts.</summary>
public static class RunCells
{
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Duration(double seconds) => TimeSpan.FromSeconds(seconds) is var d && d.TotalHours >= 1
        ? $"{(int)d.TotalHours}h {d.Minutes:D2}m {d.Seconds:D2}s"
        : d.TotalMinutes >= 1 ? $"{d.Minutes}m {d.Seconds:D2}s" : $"{seconds:F1}s";

    public static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
