using System.Net;
using System.Net.Http.Json;

namespace Grocery.Identity.Tests;

public sealed class SharedLimitTests(TwoReplicas replicas) : IClassFixture<TwoReplicas>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Failed_logins_on_two_replicas_add_up_to_one_lockout_that_refuses_even_the_right_password()
    {
        using var registrar = replicas.First.NewClient();
        var email = IdentityApp.NewEmail();
        await replicas.First.RegisterAsync(registrar, email);

        for (var attempt = 0; attempt < TwoReplicas.MaxFailedAttempts; attempt++)
        {
            var replica = attempt % 2 == 0 ? replicas.First : replicas.Second;
            using var client = replica.NewClient();
            Assert.Equal(HttpStatusCode.Unauthorized, (await IdentityApp.LoginAsync(client, email, "Wrong-guess-" + attempt)).StatusCode);
        }
        using var onSecond = replicas.Second.NewClient();
        var locked = await IdentityApp.LoginAsync(onSecond, email);

        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task The_per_address_login_limit_is_counted_across_replicas()
    {
        var address = IdentityApp.RandomAddress();
        using var first = replicas.First.NewClient(address);
        using var second = replicas.Second.NewClient(address);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TwoReplicas.LoginsPerIp; i++)
        {
            statuses.Add((await IdentityApp.LoginAsync(i % 2 == 0 ? first : second, IdentityApp.NewEmail())).StatusCode);
        }
        var over = await IdentityApp.LoginAsync(second, IdentityApp.NewEmail());

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.True(over.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task The_per_account_login_limit_is_counted_across_replicas_and_addresses()
    {
        var email = IdentityApp.NewEmail();

        for (var i = 0; i < TwoReplicas.LoginsPerAccount; i++)
        {
            using var client = (i % 2 == 0 ? replicas.First : replicas.Second).NewClient();
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await IdentityApp.LoginAsync(client, email.ToUpperInvariant())).StatusCode);
        }
        using var fresh = replicas.Second.NewClient();

        Assert.Equal(HttpStatusCode.TooManyRequests, (await IdentityApp.LoginAsync(fresh, email)).StatusCode);
    }

    [Fact]
    public async Task The_per_address_registration_limit_is_counted_across_replicas_and_answers_a_problem()
    {
        var address = IdentityApp.RandomAddress();
        using var first = replicas.First.NewClient(address);
        using var second = replicas.Second.NewClient(address);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TwoReplicas.RegistrationsPerIp; i++)
        {
            statuses.Add((await RegisterAsync(i % 2 == 0 ? first : second, IdentityApp.NewEmail())).StatusCode);
        }
        var overEmail = IdentityApp.NewEmail();
        var over = await RegisterAsync(first, overEmail);
        using var elsewhere = replicas.Second.NewClient();
        var fromAnotherAddress = await RegisterAsync(elsewhere, IdentityApp.NewEmail());

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        await AssertTooManyRequestsProblemAsync(over);
        Assert.Equal(HttpStatusCode.Created, fromAnotherAddress.StatusCode);
        // The refused registration created nothing: the address is still free to register elsewhere.
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(elsewhere, overEmail)).StatusCode);
    }

    [Fact]
    public async Task The_per_account_registration_limit_is_counted_across_replicas_and_addresses()
    {
        var email = IdentityApp.NewEmail();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TwoReplicas.RegistrationsPerAccount; i++)
        {
            using var client = (i % 2 == 0 ? replicas.First : replicas.Second).NewClient();
            // Case and surrounding spaces do not make another account, nor another bucket.
            var spelling = i % 2 == 0 ? email.ToUpperInvariant() : $"  {email} ";
            statuses.Add((await RegisterAsync(client, i == 0 ? email : spelling)).StatusCode);
        }
        using var fresh = replicas.First.NewClient();
        var over = await RegisterAsync(fresh, email);
        using var otherAccount = replicas.Second.NewClient();
        var anotherEmail = await RegisterAsync(otherAccount, IdentityApp.NewEmail());

        Assert.Equal(HttpStatusCode.Created, statuses[0]);
        Assert.All(statuses.Skip(1), s => Assert.Equal(HttpStatusCode.Conflict, s));
        await AssertTooManyRequestsProblemAsync(over);
        Assert.Equal(HttpStatusCode.Created, anotherEmail.StatusCode);
    }

    [Fact]
    public async Task A_spoofed_forwarded_address_from_an_unknown_peer_is_ignored()
    {
        using var client = replicas.First.NewClient();
        HttpStatusCode last = default;

        for (var i = 0; i <= TwoReplicas.LoginsPerIp; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = JsonContent.Create(new { email = IdentityApp.NewEmail(), password = "Whatever-123" }),
            };
            request.Headers.Add("X-Forwarded-For", IdentityApp.RandomAddress());
            last = (await client.SendAsync(request, Ct)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }

    [Fact]
    public async Task Behind_the_known_proxy_each_forwarded_client_has_its_own_limit()
    {
        using var proxy = replicas.Second.NewClient(TwoReplicas.Proxy);
        var noisyClient = IdentityApp.RandomAddress();
        var quietClient = IdentityApp.RandomAddress();

        for (var i = 0; i < TwoReplicas.LoginsPerIp; i++) await ViaProxyAsync(proxy, noisyClient);
        var noisy = await ViaProxyAsync(proxy, noisyClient);
        var quiet = await ViaProxyAsync(proxy, quietClient);

        Assert.Equal(HttpStatusCode.TooManyRequests, noisy);
        Assert.Equal(HttpStatusCode.Unauthorized, quiet);
    }

    private static async Task<HttpStatusCode> ViaProxyAsync(HttpClient proxy, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = IdentityApp.NewEmail(), password = "Whatever-123" }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        return (await proxy.SendAsync(request, Ct)).StatusCode;
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email) =>
        await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = IdentityApp.Password, name = "Lan Nguyen" }, Ct);

    private static async Task AssertTooManyRequestsProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }
}
