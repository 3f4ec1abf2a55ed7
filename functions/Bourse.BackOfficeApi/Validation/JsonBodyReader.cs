using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Bourse.BackOfficeApi.Validation;

/// <summary>The outcome of reading a JSON body: the value, or the problem to answer with; and the bytes read (what a
/// request forwarded to another unit carries, since the body can be read only once).</summary>
/// <typeparam name="T">The body's type.</typeparam>
public readonly record struct BodyRead<T>(T? Value, IResult? Problem, ReadOnlyMemory<byte> Bytes = default) where T : class;

/// <summary>
/// Reads a request body as JSON under a size limit, strictly (<see cref="BackOfficeJson.Options"/>), and turns every
/// failure into a 400 naming the field at fault (the JSON path without its <c>$.</c>), or <c>body</c> when the fault is
/// the document itself.
/// </summary>
public static class JsonBodyReader
{
    /// <summary>The field name of errors about the whole body.</summary>
    public const string BodyField = "body";

    /// <summary>Reads the body of <paramref name="request"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBytes">The largest body taken; a larger one is refused before it is parsed.</param>
    /// <param name="allowEmpty">Whether an empty body is a <see langword="null"/> value rather than an error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<BodyRead<T>> ReadAsync<T>(HttpRequest request, int maxBytes, bool allowEmpty, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return new(null, TooLarge(maxBytes));
        }

        // Read at most one byte past the limit: a body without a Content-Length (chunked) is bounded the same way.
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return new(null, TooLarge(maxBytes));
            }
        }

        if (buffer.Length == 0)
        {
            return allowEmpty ? new(null, null) : new(null, ApiProblems.Field(BodyField, "A JSON body is required."));
        }

        if (request.ContentType is { } contentType && !IsJson(contentType))
        {
            return new(null, ApiProblems.Field(BodyField, $"The body must be application/json, not {contentType}."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), BackOfficeJson.Options);
            return value is null
                ? new(null, ApiProblems.Field(BodyField, "The body must be a JSON object, not null."))
                : new(value, null, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException e) when (e.InnerException is JsonException)
        {
            // The reader's own exception inside: the document is not JSON at all (truncated, a stray character). That is
            // the body's fault, whatever member the reader had reached.
            return new(null, ApiProblems.Field(BodyField, $"Malformed JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}."));
        }
        catch (JsonException e)
        {
            return new(null, ApiProblems.Field(FieldOf(e.Path), Describe(e)));
        }
    }

    /// <summary>The request field a JSON path names: <c>$.quantity</c> → <c>quantity</c>, <c>$</c> → <c>body</c>.</summary>
    public static string FieldOf(string? path) =>
        path is null || path == "$" ? BodyField : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Describe(JsonException e) =>
        // The serializer's messages name .NET types; the client needs the kind of fault, not our type names.
        e.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "Unknown member: " + UnknownMember(e.Message)
            : e.Path is null or "$"
                ? "The body must be a JSON object."
                : "The value has the wrong type or format.";

    private static string UnknownMember(string message)
    {
        // "The JSON property 'quantiy' could not be mapped to any .NET member contained in type ..."
        int start = message.IndexOf('\'', StringComparison.Ordinal);
        int end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? message[(start + 1)..end] : "(unnamed)";
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static IResult TooLarge(int maxBytes) =>
        ApiProblems.Field(BodyField, $"The body is larger than {maxBytes} bytes.");
}
