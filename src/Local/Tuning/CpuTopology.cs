using System.Globalization;

namespace Serverless.Local.Tuning;

/// <summary>
/// The cores this process may run on. <see cref="Logical"/> is what .NET schedules on (affinity and cgroup quota
/// included); <see cref="Physical"/> counts distinct (package, core) pairs among the allowed CPUs, when the OS says
/// (Linux: sysfs topology, else /proc/cpuinfo); null elsewhere. SMT siblings share a core's execution units, so a
/// CPU-bound sweep usually flattens at the physical count.
/// </summary>
public sealed record CpuTopology(int Logical, int? Physical, int? AllowedCpus, string Source)
{
    public static CpuTopology Detect()
    {
        int logical = Environment.ProcessorCount;
        if (!OperatingSystem.IsLinux())
        {
            return new CpuTopology(logical, null, null, "Environment.ProcessorCount (the OS gave no core topology)");
        }

        IReadOnlySet<int>? allowed = TryRead("/proc/self/status") is { } status ? ParseAllowedCpus(status) : null;
        var fromSysfs = new List<CpuCore>();
        foreach (string dir in Directory.Exists("/sys/devices/system/cpu") ? Directory.GetDirectories("/sys/devices/system/cpu", "cpu*") : [])
        {
            if (int.TryParse(Path.GetFileName(dir)[3..], NumberStyles.None, CultureInfo.InvariantCulture, out int cpu)
                && ReadInt(Path.Combine(dir, "topology", "physical_package_id")) is { } package
                && ReadInt(Path.Combine(dir, "topology", "core_id")) is { } core)
            {
                fromSysfs.Add(new CpuCore(cpu, package, core));
            }
        }

        (IReadOnlyList<CpuCore> cores, string source) = fromSysfs.Count > 0
            ? (fromSysfs, "/sys/devices/system/cpu/*/topology")
            : (TryRead("/proc/cpuinfo") is { } info ? ParseCpuInfo(info) : [], "/proc/cpuinfo");
        int? physical = CountPhysical(cores, allowed);
        return new CpuTopology(logical, physical, allowed?.Count, physical is null ? "Environment.ProcessorCount" : source);
    }

    /// <summary>Distinct cores among the allowed CPUs; null when nothing is known about them.</summary>
    public static int? CountPhysical(IEnumerable<CpuCore> cores, IReadOnlySet<int>? allowed)
    {
        int count = cores.Where(c => allowed is null || allowed.Contains(c.Cpu)).Select(c => (c.Package, c.Core)).Distinct().Count();
        return count > 0 ? count : null;
    }

    /// <summary>The processor, physical id and core id of each block of /proc/cpuinfo (blocks without core ids are skipped).</summary>
    public static IReadOnlyList<CpuCore> ParseCpuInfo(string cpuinfo)
    {
        var result = new List<CpuCore>();
        foreach (string block in cpuinfo.Replace("\r", "", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = block.Split('\n')
                .Select(line => line.Split(':', 2))
                .Where(kv => kv.Length == 2)
                .GroupBy(kv => kv[0].Trim())
                .ToDictionary(g => g.Key, g => g.First()[1].Trim());
            if (Int(fields, "processor") is { } cpu && Int(fields, "core id") is { } core)
            {
                result.Add(new CpuCore(cpu, Int(fields, "physical id") ?? 0, core));
            }
        }

        return result;

        static int? Int(Dictionary<string, string> fields, string key) =>
            fields.TryGetValue(key, out string? text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
                ? value : null;
    }

    /// <summary>The CPUs in /proc/self/status's <c>Cpus_allowed_list</c> (e.g. <c>0-3,8,10-11</c>); null if absent.</summary>
    public static IReadOnlySet<int>? ParseAllowedCpus(string status)
    {
        string? list = status.Split('\n').FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        if (string.IsNullOrEmpty(list))
        {
            return null;
        }

        var cpus = new HashSet<int>();
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] range = part.Split('-');
            int first = int.Parse(range[0], CultureInfo.InvariantCulture);
            int last = range.Length > 1 ? int.Parse(range[1], CultureInfo.InvariantCulture) : first;
            for (int cpu = first; cpu <= last; cpu++)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    static string? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    static int? ReadInt(string path) =>
        TryRead(path) is { } text && int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value : null;
}

/// <summary>One logical CPU and the physical core it belongs to.</summary>
public readonly record struct CpuCore(int Cpu, int Package, int Core);
