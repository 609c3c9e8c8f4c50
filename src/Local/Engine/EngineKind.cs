namespace Serverless.Local.Engine;

public enum EngineKind
{
    /// <summary>DurableTask.AzureStorage on Azurite: the provider Durable Functions uses in production; a killed run resumes.</summary>
    AzureStorage,

    /// <summary>The in-memory engine of the Durable Task test host: faster, forgets everything when the process ends.</summary>
    InMemory,
}
