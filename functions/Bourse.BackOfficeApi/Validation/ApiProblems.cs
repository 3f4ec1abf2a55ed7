using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Bourse.BackOfficeApi.Validation;

/// <summary>The API's errors as RFC 7807 problem details (<c>application/problem+json</c>), written with the API's JSON
/// options so that every host answers the same bytes.</summary>
public static class ApiProblems
{
    /// <summary>The media type of a problem.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>400 with the fields at fault: <c>errors</c> maps each field (camelCase, as in the request) to its messages.</summary>
    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Detail = string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
        };
        return Results.Json(problem, BackOfficeJson.Options, ContentType, StatusCodes.Status400BadRequest);
    }

    /// <summary>400 naming one field.</summary>
    public static IResult Field(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Any other status with a title and a detail.</summary>
    public static IResult Status(int status, string title, string? detail = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeOf(status) };
        return Results.Json(problem, BackOfficeJson.Options, ContentType, status);
    }

    /// <summary>404 for <paramref name="what"/>.</summary>
    public static IResult NotFound(string what) => Status(StatusCodes.Status404NotFound, "Not found.", what);

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        StatusCodes.Status403Forbidden => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status409Conflict => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status502BadGateway => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        StatusCodes.Status504GatewayTimeout => "https://tools.ietf.org/html/rfc9110#section-15.6.5",
        StatusCodes.Status508LoopDetected => "https://tools.ietf.org/html/rfc5842#section-7.2",
        _ => "about:blank",
    };
}
