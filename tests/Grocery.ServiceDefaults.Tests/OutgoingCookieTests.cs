using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grocery.ServiceDefaults.Tests;

/// <summary>
/// Web calls Ordering for every shopper through one pooled handler. When that handler kept Ordering's guest basket
/// cookie, the next new guest was sent as the previous one and their lines went into a stranger's basket.
/// </summary>
public sealed class OutgoingCookieTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private TestIdentityServer _identity = null!;
    private WebApplication _downstream = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await TestIdentityServer.StartAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _downstream = builder.Build();
        _downstream.MapPut("/basket", (HttpContext context) =>
        {
            context.Response.Cookies.Append("basket_id", Guid.NewGuid().ToString());
            return context.Request.Headers.Cookie.ToString();
        });
        await _downstream.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _downstream.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task A_cookie_set_by_one_downstream_response_is_never_sent_with_the_next_request()
    {
        await using var host = await ServiceHost.StartAsync(_identity);
        var factory = host.Services.GetRequiredService<IHttpClientFactory>();
        var address = new Uri(_downstream.Urls.Single());

        var cookiesSent = new List<string>();
        for (var shopper = 0; shopper < 2; shopper++)
        {
            using var http = factory.CreateClient("ordering");
            http.BaseAddress = address;
            using var response = await http.PutAsync("/basket", null, Ct);
            response.EnsureSuccessStatusCode();
            Assert.True(response.Headers.Contains("Set-Cookie"));
            cookiesSent.Add(await response.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal(["", ""], cookiesSent);
    }
}
