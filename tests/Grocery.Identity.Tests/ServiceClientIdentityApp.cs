using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Grocery.Identity.Tests;

/// <summary>One Identity host (fresh database) that knows two service clients, with its admin, shared by the tests of a class.</summary>
public sealed class ServiceClientIdentityApp(IdentityInfrastructure infrastructure) : IAsyncLifetime
{
    public const string Ordering = "ordering";
    public const string Delivery = "delivery";
    public const string OrderingSecret = "ordering-secret-5b1f0c7e9d2a4c31";
    public const string DeliverySecret = "delivery-secret-8e24a6d0f3b94177";

    /// <summary>Not the default (10 minutes), so the answer is seen to follow the configuration.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);

    private readonly SemaphoreSlim _adminLogin = new(1, 1);
    private HttpClient? _admin;

    public IdentityApp App { get; private set; } = null!;

    /// <summary>
    /// The admin logs in once per class: logins are limited per account, and Redis (so the count) is
    /// shared by every test of the assembly.
    /// </summary>
    public async Task<HttpClient> AdminAsync()
    {
        await _adminLogin.WaitAsync();
        try
        {
            return _admin ??= await App.AdminClientAsync();
        }
        finally
        {
            _adminLogin.Release();
        }
    }

    public async ValueTask InitializeAsync() => App = await IdentityApp.StartAsync(infrastructure, new Dictionary<string, string?>
    {
        [$"Identity:ServiceClients:{Ordering}:Secret"] = OrderingSecret,
        [$"Identity:ServiceClients:{Delivery}:Secret"] = DeliverySecret,
        ["Identity:AccessTokenLifetime"] = AccessTokenLifetime.ToString("c"),
    });

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken) =>
        client.PostAsync("/api/v1/auth/token", new FormUrlEncodedContent(form), cancellationToken);

    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, string clientId, string secret, CancellationToken cancellationToken) =>
        RequestTokenAsync(client, Form(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret)), cancellationToken);

    public static IEnumerable<KeyValuePair<string, string>> Form(params (string Key, string Value)[] fields) =>
        fields.Select(f => KeyValuePair.Create(f.Key, f.Value));

    /// <summary>A client authenticated as the ordering service.</summary>
    public async Task<HttpClient> ServiceClientAsync(CancellationToken cancellationToken)
    {
        var client = App.NewClient();
        var response = await RequestTokenAsync(client, Ordering, OrderingSecret, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}
