using System.CommandLine;
using Serverless.Core.Http;
using Serverless.Core.Runs;

namespace Serverless.Local.Commands;

/// <summary>The per-run settings a start request may carry, as options: items per activity and tolerated failures.</summary>
public sealed class RunSettingsCliOptions
{
    readonly Option<int?> batchSize = new("--batch-size")
    {
        Description = $"Items per activity for this run (1-{RunSettingsParser.MaxBatchSize}; default from configuration).",
    };

    readonly Option<double?> toleratedPercent = new("--tolerated-failure-percent")
    {
        Description = "Fail the run (and stop scheduling) once more than this % of its items failed (0-100).",
    };

    readonly Option<int?> toleratedCount = new("--tolerated-failure-count")
    {
        Description = "Fail the run (and stop scheduling) once more than this many items failed.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(batchSize);
        command.Options.Add(toleratedPercent);
        command.Options.Add(toleratedCount);
        command.Validators.Add(result =>
        {
            if (result.GetValue(batchSize) is < 1 or > RunSettingsParser.MaxBatchSize)
            {
                result.AddError($"--batch-size must be from 1 to {RunSettingsParser.MaxBatchSize}.");
            }

            if (result.GetValue(toleratedPercent) is < 0 or > 100)
            {
                result.AddError("--tolerated-failure-percent must be from 0 to 100.");
            }

            if (result.GetValue(toleratedCount) is < 0)
            {
                result.AddError("--tolerated-failure-count must be 0 or more.");
            }
        });
    }

    public RunSettings Read(ParseResult parse) => new(parse.GetValue(batchSize), parse.GetValue(toleratedCount), parse.GetValue(toleratedPercent));
}
