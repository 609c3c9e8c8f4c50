using System.Globalization;

namespace Serverless.Simulator;

/// <summary>
/// Builds the user for an id as a pure function of (seed, id): nothing is stored, so a million users cost
/// no memory, and tests or other processes can compute the exact expected document without asking the server.
/// </summary>
public static class UserFactory
{
    private static readonly string[] FirstNames =
    [
        "Leanne", "Ervin", "Clementine", "Patricia", "Chelsey", "Dennis", "Kurtis", "Nicholas", "Glenna", "Clementina",
        "Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Edsger", "Frances", "Donald",
        "Hedy", "Tim", "Radia", "John", "Katherine", "Dennis", "Shafi", "Niklaus", "Anita", "Guido",
        "Sophie", "Bjarne", "Joan", "Vint", "Karen", "Leslie", "Mary", "Robin", "Yukihiro", "Anders",
    ];

    private static readonly string[] LastNames =
    [
        "Graham", "Howell", "Bauch", "Lebsack", "Dietrich", "Schulist", "Weissnat", "Runolfsdottir", "Reichert", "DuBuque",
        "Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Dijkstra", "Allen", "Knuth",
        "Lamarr", "Berners-Lee", "Perlman", "McCarthy", "Johnson", "Ritchie", "Goldwasser", "Wirth", "Borg", "Rossum",
        "Wilson", "Stroustrup", "Clarke", "Cerf", "Jones", "Lamport", "Shaw", "Milner", "Matsumoto", "Hejlsberg",
    ];

    private static readonly string[] Streets =
    [
        "Kulas Light", "Victor Plains", "Douglas Extension", "Hoeger Mall", "Skiles Walks", "Norberto Crossing",
        "Rex Trail", "Ellsworth Summit", "Dayna Park", "Kattie Turnpike", "Mill Lane", "Harbour Road",
    ];

    private static readonly string[] Cities =
    [
        "Gwenborough", "Wisokyburgh", "McKenziehaven", "South Elvis", "Roscoeview", "South Christy",
        "Howemouth", "Aliyaview", "Bartholomebury", "Lebsackbury", "Port Ada", "New Turing",
    ];

    private static readonly string[] CompanyWords =
    [
        "Romaguera", "Crona", "Deckow", "Crist", "Keebler", "Robel", "Corkery", "Jacobson", "Kub",
        "Considine", "Lockman", "Johns", "Hoeger", "Abernathy", "Yost", "Bahringer", "Schiller",
    ];

    private static readonly string[] CompanySuffixes = ["LLC", "Group", "Inc", "and Sons", "Ltd"];

    private static readonly string[] CatchAdjectives =
    [
        "Multi-layered", "Proactive", "Face to face", "Multi-tiered", "User-centric", "Synchronised",
        "Configurable", "Implemented", "Switchable", "Centralized", "Distributed", "Resilient",
    ];

    private static readonly string[] CatchNouns =
    [
        "client-server neural-net", "didactic contingency", "bifurcated interface", "heuristic productivity",
        "fault-tolerant budgetary management", "user-facing framework", "attitude-oriented projection",
        "transitional extranet", "zero tolerance moratorium", "bottom-line throughput",
    ];

    private static readonly string[] BsVerbs =
    [
        "harness", "synergize", "e-enable", "transition", "revolutionize", "aggregate", "target", "generate", "orchestrate",
    ];

    private static readonly string[] BsNouns =
    [
        "real-time e-markets", "scalable supply-chains", "innovative channels", "cutting-edge web services",
        "end-to-end models", "customized portals", "bleeding-edge schemas", "durable orchestrations",
    ];

    private static readonly string[] Domains = ["april.biz", "melissa.tv", "yesenia.net", "kory.org", "annie.ca", "jasper.info"];

    private static readonly string[] Tlds = ["org", "net", "info", "biz", "com", "io"];

    /// <summary>The user for <paramref name="id"/> under <paramref name="seed"/>; same inputs → equal output, in any process.</summary>
    public static SimulatedUser Create(int seed, int id)
    {
        var draw = new Draw(StableHash.Mix((ulong)(uint)seed, (ulong)(uint)id));

        var first = draw.Pick(FirstNames);
        var last = draw.Pick(LastNames);
        var lastPlain = last.Replace("-", string.Empty, StringComparison.Ordinal);
        var username = $"{first[0]}{lastPlain}{id}";
        var email = $"{first}.{lastPlain}{id}@{draw.Pick(Domains)}".ToLowerInvariant();

        var geo = new SimulatedGeo(
            Coordinate(draw.Below(180_000_0) - 90_000_0),
            Coordinate(draw.Below(360_000_0) - 180_000_0));
        var address = new SimulatedAddress(
            draw.Pick(Streets),
            $"{(draw.Below(2) == 0 ? "Apt." : "Suite")} {100 + draw.Below(900)}",
            draw.Pick(Cities),
            $"{10000 + draw.Below(90000)}-{1000 + draw.Below(9000)}",
            geo);

        var phone = $"1-{200 + draw.Below(800)}-{100 + draw.Below(900)}-{1000 + draw.Below(9000)} x{10000 + draw.Below(90000)}";
        var website = $"{lastPlain.ToLowerInvariant()}{id}.{draw.Pick(Tlds)}";
        var company = new SimulatedCompany(
            $"{draw.Pick(CompanyWords)}-{draw.Pick(CompanyWords)} {draw.Pick(CompanySuffixes)}",
            $"{draw.Pick(CatchAdjectives)} {draw.Pick(CatchNouns)}",
            $"{draw.Pick(BsVerbs)} {draw.Pick(BsNouns)}");

        return new SimulatedUser(id, $"{first} {last}", username, email, address, phone, website, company);
    }

    // Four decimal places, invariant culture: the text must not depend on the machine's locale.
    private static string Coordinate(int tenThousandths) =>
        (tenThousandths / 10_000m).ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A SplitMix64 sequence; our own so the content cannot change with a runtime's Random implementation.</summary>
    private struct Draw(ulong state)
    {
        private ulong _state = state;

        public int Below(int bound)
        {
            _state += 0x9E3779B97F4A7C15UL;
            return (int)(StableHash.Finalise(_state) % (ulong)bound);
        }

        public T Pick<T>(T[] items) => items[Below(items.Length)];
    }
}
