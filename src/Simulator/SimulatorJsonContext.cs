using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Simulator;

/// <summary>
/// Source-generated serialisation: no reflection per request, which matters when the simulator
/// itself must not be the bottleneck of a throughput benchmark.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SimulatedUser))]
[JsonSerializable(typeof(SimulatorStats))]
[JsonSerializable(typeof(SimulatorError))]
[JsonSerializable(typeof(IdHits))]
[JsonSerializable(typeof(LimitChanged))]
[JsonSerializable(typeof(TokenIssued))]
public sealed partial class SimulatorJsonContext : JsonSerializerContext;
