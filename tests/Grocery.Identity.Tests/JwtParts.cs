using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Grocery.Identity.Tests;

internal static class JwtParts
{
    public static string Header(string token) => Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[0]));

    public static string Payload(string token) => Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[1]));

    public static JsonElement PayloadJson(string token) => JsonDocument.Parse(Payload(token)).RootElement;

    public static string Kid(string token) => JsonDocument.Parse(Header(token)).RootElement.GetProperty("kid").GetString()!;
}
