using System.Globalization;
using System.Net;
using System.Text;

namespace Grocery.Web.Shopping;

/// <summary>
/// The sample catalog has no photographs, so each product gets a generated tile: its category's colour
/// and the initials of its name. Served by the storefront itself (no hot-linking), immutable, cacheable.
/// </summary>
public static class ProductImages
{
    public static IEndpointRouteBuilder MapProductImages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/images/products/{categoryId:int}/{label}.svg", (int categoryId, string label, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Text(Svg(categoryId, label), "image/svg+xml", Encoding.UTF8);
        });
        return app;
    }

    public static string Url(int categoryId, string name) =>
        $"/images/products/{categoryId.ToString(CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(Initials(name))}.svg";

    /// <summary>Up to two letters from the first words that start with a letter: "Chuối Cavendish Dole" → "CC" (the Vietnamese name starts with what the product is, the English one with its brand).</summary>
    public static string Initials(string name)
    {
        var letters = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0]))
            .Take(2).Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture)).ToArray();
        return letters.Length == 0 ? "G" : new string(letters);
    }

    /// <summary>A soft hue per category, spread around the colour wheel by the golden angle so neighbours differ.</summary>
    public static int Hue(int categoryId) => (int)(categoryId * 137.508 % 360);

    public static string Svg(int categoryId, string label)
    {
        var text = WebUtility.HtmlEncode(label.Length > 2 ? label[..2] : label);
        var hue = Hue(categoryId);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" aria-hidden="true">
              <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
                <stop offset="0" stop-color="hsl({hue} 70% 92%)"/><stop offset="1" stop-color="hsl({hue} 55% 80%)"/>
              </linearGradient></defs>
              <rect width="200" height="200" fill="url(#g)"/>
              <circle cx="160" cy="40" r="70" fill="hsl({hue} 60% 96%)" opacity=".55"/>
              <circle cx="30" cy="180" r="55" fill="hsl({hue} 50% 70%)" opacity=".35"/>
              <text x="100" y="118" text-anchor="middle" font-family="system-ui, sans-serif" font-size="64" font-weight="700"
                fill="hsl({hue} 45% 28%)">{text}</text>
            </svg>
            """;
    }
}
