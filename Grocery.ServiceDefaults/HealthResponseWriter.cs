using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grocery.ServiceDefaults;

/// <summary>
/// Writes the overall status for everyone and the per-check detail only for admins, so probes stay
/// anonymous while the dependency map is not published to the internet.
/// </summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var detailed = context.User.IsInRole(GroceryRoles.Admin);
        var body = new Dictionary<string, object> { ["status"] = report.Status.ToString() };
        if (detailed)
        {
            body["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = e.Value.Duration.TotalMilliseconds });
        }
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
