namespace Serverless.Simulator;

// The user document, shaped like jsonplaceholder's /users/{id} so code written against the
// real public sample API and against this simulator sees the same fields (geo coordinates are strings there too).

/// <summary>A user as served by <c>GET /users/{id}</c>.</summary>
public sealed record SimulatedUser(
    int Id,
    string Name,
    string Username,
    string Email,
    SimulatedAddress Address,
    string Phone,
    string Website,
    SimulatedCompany Company);

/// <summary>Postal address part of <see cref="SimulatedUser"/>.</summary>
public sealed record SimulatedAddress(string Street, string Suite, string City, string Zipcode, SimulatedGeo Geo);

/// <summary>Coordinates, as strings like the upstream sample API.</summary>
public sealed record SimulatedGeo(string Lat, string Lng);

/// <summary>Employer part of <see cref="SimulatedUser"/>.</summary>
public sealed record SimulatedCompany(string Name, string CatchPhrase, string Bs);
