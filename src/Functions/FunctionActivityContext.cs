using Microsoft.DurableTask;

namespace Serverless.Functions;

/// <summary>
/// The Functions activity trigger hands us the input, not a Durable Task activity context;
/// this supplies the little a Core activity may ask of one.
/// </summary>
sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
