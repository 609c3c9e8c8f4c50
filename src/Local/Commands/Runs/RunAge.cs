using System.Globalization;

namespace Serverless.Local.Commands.Runs;

/// <summary>The ages <c>runs purge --older-than</c> takes.</summary>
public static class RunAge
{
    /// <summary>7d, 12h, 30m, 45s, or a TimeSpan (d.hh:mm:ss); null when it is none of them or negative.</summary>
    public static TimeSpan? Parse(string text)
    {
        text = text.Trim();
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) && amount >= 0)
        {
            TimeSpan? age = char.ToLowerInvariant(text[^1]) switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                's' => TimeSpan.FromSeconds(amount),
                _ => null,
            };
            if (age is not null)
            {
                return age;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span) && span >= TimeSpan.Zero ? span : null;
    }
}
