using System.Net;
using System.Net.Sockets;

namespace Serverless.Core.Options;

/// <summary>
/// Which addresses the runner may call the user API at. The base URL comes from configuration, and a runner that
/// fetches whatever URL it is given could be turned into a proxy to internal addresses (the instance metadata
/// service at 169.254.169.254, a VNet neighbour, the host itself). So: https only, except plain http to loopback
/// during development; no private, link-local, shared (CGNAT) or unspecified addresses unless explicitly allowed.
/// </summary>
/// <param name="AllowLoopback">Development only: the local runner, the tests and local.settings.json talk to the simulator on 127.0.0.1.</param>
/// <param name="AllowPrivateNetwork">An API reached over a private network (VNet, VPN): RFC 1918, fc00::/7 and 100.64/10 addresses.</param>
public sealed record ApiUrlPolicy(bool AllowLoopback = false, bool AllowPrivateNetwork = false)
{
    public static ApiUrlPolicy For(UserApiOptions options) => new(options.AllowLoopback, options.AllowPrivateNetwork);

    /// <summary>Why <paramref name="url"/> may not be used as the API's base URL, or null when it may.</summary>
    public string? CheckBaseUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
        {
            return "is not an absolute URL";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return $"has scheme '{uri.Scheme}'; only https is allowed";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry credentials in the URL";
        }

        bool loopbackName = IsLoopbackName(uri.IdnHost);
        IPAddress? literal = IPAddress.TryParse(uri.IdnHost, out IPAddress? parsed) ? parsed : null;
        bool loopback = loopbackName || (literal is not null && Classify(literal) == AddressKind.Loopback);
        if (uri.Scheme == Uri.UriSchemeHttp && !loopback)
        {
            return $"uses http to '{uri.Host}'; https is required (plain http only to a loopback address during development)";
        }

        if (loopbackName && !AllowLoopback)
        {
            return $"points at '{uri.Host}', the machine itself; loopback is allowed only in development (set " +
                $"{UserApiOptions.Section}:{nameof(UserApiOptions.AllowLoopback)}=true)";
        }

        return literal is null ? null : CheckAddress(literal) is { } why ? $"points at {why}" : null;
    }

    /// <summary>Why a connection to <paramref name="address"/> is refused, or null when it is allowed.</summary>
    public string? CheckAddress(IPAddress address) => Classify(address) switch
    {
        AddressKind.Public => null,
        AddressKind.Loopback when AllowLoopback => null,
        AddressKind.Private when AllowPrivateNetwork => null,
        AddressKind.Loopback =>
            $"{address}, a loopback address; allowed only in development (set {UserApiOptions.Section}:{nameof(UserApiOptions.AllowLoopback)}=true)",
        AddressKind.Private =>
            $"{address}, a private-network address; allowed only with {UserApiOptions.Section}:{nameof(UserApiOptions.AllowPrivateNetwork)}=true",
        AddressKind.LinkLocal => $"{address}, a link-local address (such as the cloud metadata service); never allowed",
        _ => $"{address}, an unspecified, multicast or reserved address; never allowed",
    };

    public static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    public static AddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            byte[] b = address.GetAddressBytes();
            return b switch
            {
                [127, ..] => AddressKind.Loopback,
                [10, ..] => AddressKind.Private,
                [172, >= 16 and <= 31, ..] => AddressKind.Private,
                [192, 168, ..] => AddressKind.Private,
                [100, >= 64 and <= 127, ..] => AddressKind.Private, // shared address space (CGNAT), RFC 6598
                [169, 254, ..] => AddressKind.LinkLocal,
                [0, ..] => AddressKind.Reserved,
                [>= 224, ..] => AddressKind.Reserved, // multicast, reserved and broadcast
                _ => AddressKind.Public,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            byte[] b = address.GetAddressBytes();
            if (address.Equals(IPAddress.IPv6Loopback))
            {
                return AddressKind.Loopback;
            }

            if (address.Equals(IPAddress.IPv6Any))
            {
                return AddressKind.Reserved;
            }

            return b switch
            {
                [>= 0xfc and <= 0xfd, ..] => AddressKind.Private, // unique local fc00::/7
                [0xfe, >= 0x80 and <= 0xbf, ..] => AddressKind.LinkLocal, // fe80::/10
                [0xfe, >= 0xc0, ..] => AddressKind.Private, // deprecated site-local fec0::/10
                [0xff, ..] => AddressKind.Reserved, // multicast
                _ when IsIPv4Compatible(b) => Classify(new IPAddress(b[12..])),
                _ => AddressKind.Public,
            };
        }

        return AddressKind.Reserved;
    }

    /// <summary>::a.b.c.d (deprecated, but some stacks still route it to the embedded IPv4 address).</summary>
    static bool IsIPv4Compatible(byte[] b) => b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && (b[12] | b[13] | b[14]) != 0;

    public enum AddressKind
    {
        Public,
        Loopback,
        Private,
        LinkLocal,
        Reserved,
    }
}

