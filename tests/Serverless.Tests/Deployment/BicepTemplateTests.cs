using System.Text.Json.Nodes;
using Xunit;

namespace Serverless.Tests.Deployment;

/// <summary>infra/bicep/main.bicep compiled and linted by the pinned Bicep CLI, and what the compiled template deploys.</summary>
public sealed class BicepTemplateTests
{
    [BicepFact]
    public async Task The_template_builds_and_lints_without_a_single_diagnostic()
    {
        ScriptRun build = await ScriptRun.RunAsync(BicepCli.Path, "build", BicepCli.MainTemplate, "--stdout");
        ScriptRun lint = await ScriptRun.RunAsync(BicepCli.Path, "lint", BicepCli.MainTemplate);

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.True(lint.ExitCode == 0, lint.Output);
        string diagnostics = string.Join('\n', (build.Output + "\n" + lint.Output).Split('\n')
            .Where(line => line.Contains(": Warning ", StringComparison.Ordinal) || line.Contains(": Error ", StringComparison.Ordinal)));
        Assert.True(diagnostics.Length == 0, diagnostics);
    }

    [BicepFact]
    public async Task Storage_is_keyless_and_private_and_the_app_runs_on_Flex_Consumption()
    {
        List<JsonObject> resources = await CompiledResourcesAsync();

        JsonObject storage = Single(resources, "Microsoft.Storage/storageAccounts");
        JsonNode properties = storage["properties"]!;
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.All(resources.Where(r => Type(r) == "Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Assert.Equal("None", c["properties"]!["publicAccess"]!.GetValue<string>()));

        Assert.Equal("FC1", Single(resources, "Microsoft.Web/serverfarms")["sku"]!["name"]!.GetValue<string>());
        JsonNode config = Single(resources, "Microsoft.Web/sites")["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
    }

    [BicepFact]
    public async Task Blob_created_events_of_the_articles_container_go_to_the_upload_functions_webhook()
    {
        List<JsonObject> resources = await CompiledResourcesAsync();

        JsonObject topic = Single(resources, "Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", topic["properties"]!["topicType"]!.GetValue<string>());
        JsonNode subscription = Single(resources, "Microsoft.EventGrid/systemTopics/eventSubscriptions")["properties"]!;
        Assert.Equal(["Microsoft.Storage.BlobCreated"], subscription["filter"]!["includedEventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("/blobServices/default/containers/", subscription["filter"]!["subjectBeginsWith"]!.ToJsonString());
        string endpoint = subscription["destination"]!["properties"]!["endpointUrl"]!.GetValue<string>();
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.{1}", endpoint);
        Assert.Contains("systemKeys.blobs_extension", endpoint);
    }

    [BicepFact]
    public async Task User_API_secrets_are_Key_Vault_references_the_apps_identity_may_read_and_no_value_is_in_the_template()
    {
        List<JsonObject> resources = await CompiledResourcesAsync();

        JsonNode vault = Single(resources, "Microsoft.KeyVault/vaults")["properties"]!;
        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        // Key Vault Secrets User (4633458b-…), granted on the vault to the app's identity.
        JsonObject grant = Assert.Single(resources, r => Type(r) == "Microsoft.Authorization/roleAssignments"
            && r["scope"]?.ToJsonString().Contains("Microsoft.KeyVault/vaults", StringComparison.Ordinal) == true);
        Assert.Contains("secretsUserRoleId", grant["properties"]!["roleDefinitionId"]!.ToJsonString());
        Assert.Contains("\"secretsUserRoleId\": \"4633458b-17de-408a-b874-0445c86b69e6\"", await CompiledTextAsync());
        Assert.Contains("keyVaultReferenceIdentity", Single(resources, "Microsoft.Web/sites")["properties"]!.ToJsonString());

        // The app settings reach the app's config resource as a module parameter: read them in the compiled text.
        string[] compiled = (await CompiledTextAsync()).Split('\n');
        foreach (string key in new[] { "UserApi__Auth__Secret", "UserApi__Auth__ClientSecret" })
        {
            string setting = Assert.Single(compiled, line => line.TrimStart().StartsWith($"\"{key}\":", StringComparison.Ordinal));
            Assert.Contains("@Microsoft.KeyVault(SecretUri={0}secrets/{1})", setting);
        }

        // No parameter carries a secret: the template and its parameters file hold names and URLs only.
        string template = await File.ReadAllTextAsync(BicepCli.MainTemplate);
        Assert.DoesNotContain("@secure()", template);
        string parameters = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(BicepCli.MainTemplate)!, "main.parameters.json"));
        Assert.DoesNotContain("SECRET", parameters, StringComparison.OrdinalIgnoreCase);
    }

    static async Task<string> CompiledTextAsync()
    {
        ScriptRun build = await ScriptRun.RunAsync(BicepCli.Path, "build", BicepCli.MainTemplate, "--stdout");
        Assert.True(build.ExitCode == 0, build.Output);
        return build.Output;
    }

    static async Task<List<JsonObject>> CompiledResourcesAsync()
    {
        ScriptRun build = await ScriptRun.RunAsync(BicepCli.Path, "build", BicepCli.MainTemplate, "--stdout");
        Assert.True(build.ExitCode == 0, build.Output);
        var all = new List<JsonObject>();
        Collect(JsonNode.Parse(build.Output[..(build.Output.LastIndexOf('}') + 1)])!, all);
        return all;
    }

    // Modules compile to nested deployments: walk every template's resources, whether an array or (language v2) an object.
    static void Collect(JsonNode node, List<JsonObject> all)
    {
        if (node is JsonObject obj)
        {
            if (obj["type"] is JsonValue type && type.TryGetValue(out string? _) && obj["properties"] is not null && obj["apiVersion"] is not null)
            {
                all.Add(obj);
            }

            foreach (KeyValuePair<string, JsonNode?> child in obj)
            {
                if (child.Value is not null) Collect(child.Value, all);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (JsonNode? item in array)
            {
                if (item is not null) Collect(item, all);
            }
        }
    }

    static string Type(JsonObject resource) => resource["type"]!.GetValue<string>();

    static JsonObject Single(List<JsonObject> resources, string type) => Assert.Single(resources, r => Type(r) == type);
}
