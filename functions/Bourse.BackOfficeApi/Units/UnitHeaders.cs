namespace Bourse.BackOfficeApi.Units;

/// <summary>The headers of unit routing.</summary>
public static class UnitHeaders
{
    /// <summary>On a forwarded request: the unit that forwarded it. A unit never routes such a request on: if its own map
    /// does not make it the home either, the maps disagree and it answers 508 instead of bouncing the request back.</summary>
    public const string ForwardedBy = "X-Bourse-Forwarded-By";

    /// <summary>On a redirected or forwarded answer: the user's home unit.</summary>
    public const string HomeUnit = "X-Bourse-Home-Unit";

    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> that forwards and probes.</summary>
    public const string HttpClientName = "Bourse.Units";
}
