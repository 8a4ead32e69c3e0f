namespace Grocery.EndToEnd.Tests.Hardening;

/// <summary>
/// One bad request: a raw body (null when the request has none), the query string, and the field
/// or parameter a 400 must name (null when the fault is the body as a whole).
/// </summary>
public sealed record MalformedInput(string Description, string? Body, string Query, string? Field, IReadOnlyDictionary<string, string>? RouteValues = null);
