namespace Bourse.BackOfficeApi.Contracts;

/// <summary>The optional body of <c>POST /api/orders/{id}/cancel</c>.</summary>
public sealed record CancelOrderRequest
{
    /// <summary>Why, for the record.</summary>
    public string? Reason { get; init; }
}
