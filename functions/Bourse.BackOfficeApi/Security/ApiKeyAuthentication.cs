using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Bourse.BackOfficeApi.Validation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi.Security;

/// <summary>One client of the local API: its key, its name (the rate limit's partition) and its roles.</summary>
public sealed class ApiKeyClient
{
    /// <summary>The key the client sends in the header.</summary>
    public string Key { get; set; } = "";

    /// <summary>The client's name: the principal's name and its rate-limit partition.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Its roles (<see cref="BackOfficeRoles"/>).</summary>
    public IList<string> Roles { get; } = [];

    /// <summary>The accounts a trader key acts for (<c>*</c>: all); see <see cref="BackOfficeAccess.MayActFor"/>.</summary>
    public IList<string> Accounts { get; } = [];
}

/// <summary>The API key scheme's options: section <c>BackOfficeApi:ApiKeys</c> holds the clients.</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that carries the key.</summary>
    /// <value>The default value is <c>X-Api-Key</c>.</value>
    public string HeaderName { get; set; } = "X-Api-Key";

    /// <summary>The clients.</summary>
    public IList<ApiKeyClient> Clients { get; } = [];
}

/// <summary>
/// The local mode's authentication: a request with a known key in <see cref="ApiKeyAuthenticationOptions.HeaderName"/>
/// is its client, with the client's roles; without the header the request is anonymous; a wrong key fails. Keys are
/// compared as SHA-256 hashes in fixed time, so the comparison leaks neither a key's length nor its prefix.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Options.HeaderName, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(values[0]!));
        ApiKeyClient? match = null;
        foreach (var client in Options.Clients)
        {
            // Every key is compared, so the time taken does not say which one matched.
            if (CryptographicOperations.FixedTimeEquals(offered, SHA256.HashData(Encoding.UTF8.GetBytes(client.Key))) && client.Key.Length > 0)
            {
                match = client;
            }
        }

        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, match.ClientId),
                .. match.Roles.Select(r => new Claim(ClaimTypes.Role, r)),
                .. match.Accounts.Select(a => new Claim(BackOfficeAccess.AccountClaim, a)),
            ],
            Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        BackOfficeGate.Unauthorized($"Send a valid API key in the {Options.HeaderName} header.").ExecuteAsync(Context);

    /// <inheritdoc/>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        BackOfficeGate.Forbidden().ExecuteAsync(Context);
}
