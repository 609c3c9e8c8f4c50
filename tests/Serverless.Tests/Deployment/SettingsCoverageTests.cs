using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Serverless.Core.Hosting;
using Serverless.Core.Options;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Deployment;

/// <summary>
/// What the app reads from configuration against what infra/bicep/main.bicep sets, both ways. The lists are
/// data: a new options property needs either an appSettings line in main.bicep or an entry (with its reason)
/// under "optional" in infra/bicep/app-settings.json.
/// </summary>
public sealed partial class SettingsCoverageTests
{
    static readonly string InfraFolder = Path.Combine(RepoPaths.Root, "infra", "bicep");
    static readonly JsonObject Policy = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraFolder, "app-settings.json")))!.AsObject();
    static readonly HashSet<string> Optional = Policy["optional"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
    static readonly List<string> Runtime = Policy["runtime"]!.AsObject().Select(p => p.Key).ToList();
    static readonly HashSet<string> CodeKeys = AppConfigurationKeys.Read();
    static readonly HashSet<string> BicepKeys = BicepAppSettings.Read(Path.Combine(InfraFolder, "main.bicep"));

    [Fact]
    public void The_key_lists_are_found_where_the_test_looks_for_them()
    {
        // Guards against a silently empty comparison after a refactor of either side.
        Assert.Contains("UserApi__MaxConcurrency", CodeKeys);
        Assert.Contains("Articles__MaxWorkers", CodeKeys);
        Assert.Contains("TaskHubName", CodeKeys);
        Assert.Contains(ServerlessServiceCollectionExtensions.StorageConnectionKey, CodeKeys);
        Assert.Contains("UserApi__BaseUrl", BicepKeys);
        Assert.Contains("AzureWebJobsStorage__accountName", BicepKeys);
    }

    [Fact]
    public void Every_key_the_app_reads_is_set_by_the_deployment_or_documented_as_optional()
    {
        List<string> uncovered = CodeKeys
            .Where(key => !BicepKeys.Contains(key) && !BicepKeys.Any(b => b.StartsWith(key + "__", StringComparison.OrdinalIgnoreCase)))
            .Where(key => !Optional.Contains(key))
            .Order()
            .ToList();

        Assert.True(uncovered.Count == 0,
            "Set these in infra/bicep/main.bicep appSettings, or list them under \"optional\" with a reason in infra/bicep/app-settings.json: "
            + string.Join(", ", uncovered));
    }

    [Fact]
    public void The_deployment_sets_no_key_the_app_does_not_read()
    {
        List<string> unknown = BicepKeys
            .Where(key => !CodeKeys.Contains(key) && !Runtime.Any(pattern => Matches(pattern, key)))
            .Order()
            .ToList();

        Assert.True(unknown.Count == 0, "main.bicep sets keys nothing reads (typo, or a removed option?): " + string.Join(", ", unknown));
    }

    [Fact]
    public void Optional_entries_name_keys_the_app_reads_and_are_not_also_set()
    {
        Assert.Empty(Optional.Where(key => !CodeKeys.Contains(key)).Order());
        Assert.Empty(Optional.Where(BicepKeys.Contains).Order());
        Assert.All(
            Policy["optional"]!.AsObject(),
            entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value?.GetValue<string>()), entry.Key + " needs a reason"));
    }

    static bool Matches(string pattern, string key) => pattern.EndsWith('*')
        ? key.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
        : key.Equals(pattern, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Configuration keys the app reads, in app-setting form (<c>Section__Property</c>).</summary>
static partial class AppConfigurationKeys
{
    public static HashSet<string> Read()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ServerlessServiceCollectionExtensions.StorageConnectionKey };

        // Every options class in Serverless.Core.Options binds the section named by its Section constant.
        foreach (Type type in typeof(ArticleOptions).Assembly.GetTypes().Where(t => t.Namespace == typeof(ArticleOptions).Namespace && t.IsClass))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field)
            {
                AddProperties(type, (string)field.GetRawConstantValue()!, keys);
            }
        }

        // host.json %Name% references are app settings the Functions host resolves.
        string hostJson = File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json"));
        foreach (Match match in HostJsonReference().Matches(hostJson))
        {
            keys.Add(match.Groups[1].Value);
        }

        return keys;
    }

    static void AddProperties(Type type, string prefix, HashSet<string> keys)
    {
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            Type valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            string key = prefix + "__" + property.Name;
            if (valueType.IsPrimitive || valueType.IsEnum || valueType == typeof(string) || valueType == typeof(decimal)
                || valueType == typeof(TimeSpan) || valueType == typeof(Uri) || valueType == typeof(DateTimeOffset))
            {
                keys.Add(key);
            }
            else if (valueType.IsClass && !typeof(System.Collections.IEnumerable).IsAssignableFrom(valueType))
            {
                AddProperties(valueType, key, keys);
            }
            else
            {
                keys.Add(key); // collections: bound as key__0, key__1, … – covered as one key
            }
        }
    }

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex HostJsonReference();
}

/// <summary>The names in main.bicep's <c>var appSettings = { … }</c> block (one <c>name: value</c> per line).</summary>
static partial class BicepAppSettings
{
    public static HashSet<string> Read(string mainBicep)
    {
        string[] lines = File.ReadAllLines(mainBicep);
        int start = Array.FindIndex(lines, l => l.TrimEnd() == "var appSettings = {");
        Assert.True(start >= 0, "main.bicep has no `var appSettings = {` block");
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(start + 1).TakeWhile(l => l.TrimEnd() != "}"))
        {
            if (Entry().Match(line) is { Success: true } match)
            {
                keys.Add(match.Groups[1].Value);
            }
        }

        return keys;
    }

    [GeneratedRegex(@"^\s{2}'?([A-Za-z0-9_]+)'?\s*:")]
    private static partial Regex Entry();
}
