using Serverless.Local.Engine;

namespace Serverless.Local.Runner;

/// <summary>What every runner command needs to reach the engine and storage.</summary>
public sealed record RunnerSettings(EngineKind Engine, string Storage, string TaskHub, string? ApiBaseUrl, bool Json);
