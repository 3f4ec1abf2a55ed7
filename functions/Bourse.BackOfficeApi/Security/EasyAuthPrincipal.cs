using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Bourse.BackOfficeApi.Security;

/// <summary>
/// The caller in Azure: App Service Authentication (Entra ID) validates the token in front of the Functions app and
/// passes the principal in the <c>X-MS-CLIENT-PRINCIPAL</c> header (base64 JSON: <c>auth_typ</c>, <c>name_typ</c>,
/// <c>role_typ</c>, <c>claims</c> with <c>typ</c>/<c>val</c>). The platform strips that header from incoming requests
/// when authentication is on, so it can be trusted only then: the app must run with App Service Authentication enabled
/// (README, "HTTP API").
/// </summary>
public static class EasyAuthPrincipal
{
    /// <summary>The header App Service Authentication sets.</summary>
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The principal of <paramref name="request"/>, or <see langword="null"/> when there is none or it does not parse.</summary>
    public static ClaimsPrincipal? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrEmpty(values[0]))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(values[0]!)));
            var root = document.RootElement;
            string authType = StringOf(root, "auth_typ") ?? "aad";
            string nameType = StringOf(root, "name_typ") ?? ClaimTypes.Name;
            string roleType = StringOf(root, "role_typ") ?? "roles";
            var claims = new List<Claim>();
            if (root.TryGetProperty("claims", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var claim in list.EnumerateArray())
                {
                    if (StringOf(claim, "typ") is { } type && StringOf(claim, "val") is { } value)
                    {
                        claims.Add(new Claim(type, value));
                    }
                }
            }

            return new ClaimsPrincipal(new ClaimsIdentity(claims, authType, nameType, roleType));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
