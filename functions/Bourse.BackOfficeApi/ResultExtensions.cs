using Microsoft.AspNetCore.Http;

namespace Bourse.BackOfficeApi;

/// <summary>Adds a <c>Location</c> header to any <see cref="IResult"/> (the JSON results cannot carry one themselves).</summary>
public static class ResultExtensions
{
    /// <summary><paramref name="result"/> with <c>Location: <paramref name="location"/></c>.</summary>
    public static IResult WithLocation(this IResult result, string location) => new LocatedResult(result, location);

    /// <summary>A result and where its resource lives.</summary>
    /// <param name="Inner">The result.</param>
    /// <param name="Location">The <c>Location</c> header.</param>
    public sealed record LocatedResult(IResult Inner, string Location) : IResult, IStatusCodeHttpResult
    {
        /// <inheritdoc/>
        public int? StatusCode => (Inner as IStatusCodeHttpResult)?.StatusCode;

        /// <inheritdoc/>
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.Location = Location;
            return Inner.ExecuteAsync(httpContext);
        }
    }
}
