using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Deployment;

/// <summary>scripts/secret-scan.sh, which CI runs before the tests.</summary>
public sealed class SecretScanTests : IDisposable
{
    static readonly string Script = Path.Combine(RepoPaths.Root, "scripts", "secret-scan.sh");

    // Azurite's published development key: allowed everywhere.
    const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("secret-scan-");

    // Built at run time: a key written literally here would (rightly) fail the scan of this repository.
    static string FakeAccountKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));

    public void Dispose() => folder.Delete(recursive: true);

    void Write(string relativePath, string text)
    {
        string path = Path.Combine(folder.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public async Task The_repository_holds_no_secrets()
    {
        ScriptRun scan = await ScriptRun.RunAsync(Script);

        Assert.True(scan.ExitCode == 0, scan.Output);
        Assert.Contains("no secrets", scan.Output);
    }

    [Fact]
    public async Task A_storage_connection_string_with_a_real_looking_key_fails_the_scan_and_is_named()
    {
        string key = FakeAccountKey();
        Write(
            "config/appsettings.Production.json",
            $"{{ \"Storage\": \"DefaultEndpointsProtocol=https;AccountName=prod;AccountKey={key};EndpointSuffix=core.windows.net\" }}");
        Write("notes.txt", "nothing to see here");

        ScriptRun scan = await ScriptRun.RunAsync(Script, folder.FullName);

        Assert.Equal(1, scan.ExitCode);
        Assert.Contains("config/appsettings.Production.json:1: storage account key", scan.Output);
        Assert.DoesNotContain("notes.txt", scan.Output);
        Assert.DoesNotContain(key, scan.Output);
    }

    // Split with + so that this file itself does not trip the scan of the repository.
    [Theory]
    [InlineData("{key}", "88-character base64")]
    [InlineData("Instrumentation" + "Key=3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f;IngestionEndpoint=https://x", "InstrumentationKey")]
    [InlineData("https://acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2030-01-01&sp=r&" + "sig=Zm9vYmFyYmF6cXV4cXV1eGZvb2Jhcg%3D%3D", "sig=")]
    [InlineData("BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccess" + "Signature=sv=2022-11-02&sp=r", "SharedAccessSignature=")]
    [InlineData(
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccess" + "Key=c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0",
        "SharedAccessKey=")]
    public async Task Other_credential_shapes_fail_the_scan(string line, string kind)
    {
        Write("leak.txt", line.Replace("{key}", FakeAccountKey()));

        ScriptRun scan = await ScriptRun.RunAsync(Script, folder.FullName);

        Assert.Equal(1, scan.ExitCode);
        Assert.Contains("leak.txt:1:", scan.Output);
        Assert.Contains(kind, scan.Output);
    }

    [Fact]
    public async Task Azurite_and_development_storage_pass()
    {
        Write(
            "local.settings.json",
            $"{{ \"AzureWebJobsStorage\": \"UseDevelopmentStorage=true\", \"Other\": \"DefaultEndpointsProtocol=http;" +
            $"AccountName=devstoreaccount1;AccountKey={AzuriteKey};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;\" }}");
        Write("ai.txt", "InstrumentationKey=00000000-0000-0000-0000-000000000000");

        ScriptRun scan = await ScriptRun.RunAsync(Script, folder.FullName);

        Assert.True(scan.ExitCode == 0, scan.Output);
    }
}
