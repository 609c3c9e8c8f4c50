namespace Serverless.Core.Terminology;

/// <summary>
/// Collects candidate occurrences by key (Porter stems) and builds the <see cref="PhraseCandidate"/>s in first-seen order,
/// marking single words that carry no domain weight (<see cref="PhraseCandidate.GeneralWord"/>).
/// </summary>
internal sealed class PhraseSink(TokenizedDocument document)
{
    private readonly Dictionary<string, CandidateBuilder> builders = new(StringComparer.Ordinal);
    private readonly List<CandidateBuilder> order = [];

    public TokenizedDocument Document { get; } = document;

    public void Add(string key, int wordCount, string surface, int position, bool inTitle, bool maximal)
    {
        if (!builders.TryGetValue(key, out var builder))
        {
            builder = new CandidateBuilder(key, wordCount);
            builders.Add(key, builder);
            order.Add(builder);
        }

        builder.Add(surface, position, inTitle, maximal);
    }

    public IReadOnlyList<PhraseCandidate> Build() => order.Select(b => b.Build()).ToList();

    /// <summary>The phrase as written, with any run of whitespace (line wraps, tabs) collapsed to one space.</summary>
    public static string Surface(TokenizedDocument document, int first, int last)
    {
        var words = document.Words;
        if (last - first == 1)
        {
            return words[first].Surface;
        }

        var span = document.Text.AsSpan(words[first].Start, words[last - 1].End - words[first].Start);
        return string.Join(' ', span.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed class CandidateBuilder(string key, int wordCount)
    {
        private readonly List<int> positions = [];
        private readonly Dictionary<string, int> surfaceCounts = new(StringComparer.Ordinal);
        private readonly List<string> surfaceOrder = [];
        private bool inTitle;
        private int maximal;

        public void Add(string surface, int position, bool inTitle, bool maximal)
        {
            positions.Add(position);
            this.inTitle |= inTitle;
            this.maximal += maximal ? 1 : 0;
            if (surfaceCounts.TryGetValue(surface, out var count))
            {
                surfaceCounts[surface] = count + 1;
            }
            else
            {
                surfaceCounts[surface] = 1;
                surfaceOrder.Add(surface);
            }
        }

        public PhraseCandidate Build()
        {
            // Stable sort keeps first-seen order among equally frequent forms, so output is deterministic.
            var forms = surfaceOrder.OrderByDescending(s => surfaceCounts[s]).ToList();

            // Case variants collapse once lower-cased; the most frequent spelling stands for the group.
            var lowerCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            var lowerOrder = new List<string>();
            foreach (var form in surfaceOrder)
            {
                var lower = form.ToLowerInvariant();
                if (lowerCounts.TryGetValue(lower, out var c))
                {
                    lowerCounts[lower] = c + surfaceCounts[form];
                }
                else
                {
                    lowerCounts[lower] = surfaceCounts[form];
                    lowerOrder.Add(lower);
                }
            }

            // Phrases built from two runs (coordination) may be seen after a later occurrence; positions stay ascending.
            positions.Sort();
            var canonical = lowerOrder.OrderByDescending(s => lowerCounts[s]).First();
            return new PhraseCandidate(key, canonical, forms, wordCount, positions, inTitle, maximal)
            {
                GeneralWord = wordCount == 1 && DomainWeight.IsGeneralWord(forms),
            };
        }
    }
}
