using System.Net;
using System.Text.Json.Nodes;

namespace Grocery.EndToEnd.Tests.Hardening;

/// <summary>
/// A valid request to one endpoint and what it answers. Samples run in <see cref="Order"/> (those
/// that use up what others need come last); <see cref="NotSentBecause"/> names why a sample is not
/// sent at all, which must stay rare and be a reason a reviewer accepts. <see cref="IfMatchOf"/> is
/// the resource whose current ETag the request carries in If-Match.
/// </summary>
public sealed record SweepSample(
    GatewayUser As,
    JsonObject? Body = null,
    IReadOnlyDictionary<string, string>? Query = null,
    IReadOnlyDictionary<string, string>? Route = null,
    HttpStatusCode[]? Expected = null,
    int Order = 0,
    string? RawBody = null,
    string? ContentType = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    string? NotSentBecause = null,
    Func<JsonObject>? Fresh = null,
    string? IfMatchOf = null)
{
    /// <summary>The valid body; a sample whose body must be unique each time (a SKU, a code) makes a new one per request.</summary>
    public JsonObject? NewBody() => Fresh?.Invoke() ?? (JsonObject?)Body?.DeepClone();

    public HttpStatusCode[] ExpectedStatuses => Expected ?? [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted, HttpStatusCode.NoContent];

    public IReadOnlyDictionary<string, string> QueryValues => Query ?? new Dictionary<string, string>();
}
