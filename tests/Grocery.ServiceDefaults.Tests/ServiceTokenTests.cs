using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Grocery.ServiceDefaults.ServiceTokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Grocery.ServiceDefaults.Tests;

public sealed class ServiceTokenTests
{
    private const string ClientId = "ordering";
    private const string ClientSecret = "ordering-secret-31d2";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Concurrent_callers_share_one_token_obtained_with_the_client_credentials_grant()
    {
        var identity = new FakeIdentity { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var source = NewSource(identity);

        var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(() => source.GetTokenAsync(Ct).AsTask(), Ct)).ToArray();
        await identity.FirstRequest.Task.WaitAsync(Ct);
        identity.Gate.SetResult();
        var tokens = await Task.WhenAll(calls);

        Assert.All(tokens, t => Assert.Equal("token-1", t));
        Assert.Equal(1, identity.Requests);
        var request = Assert.Single(identity.Received);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://identity.test/api/v1/auth/token", request.Uri);
        Assert.Equal($"grant_type=client_credentials&client_id={ClientId}&client_secret={ClientSecret}", request.Body);
    }

    [Fact]
    public async Task The_token_is_kept_until_shortly_before_it_expires_and_then_renewed()
    {
        var identity = new FakeIdentity { ExpiresIn = 900 };
        var source = NewSource(identity);

        var first = await source.GetTokenAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(900 - 61));
        var beforeRenewal = await source.GetTokenAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        var renewed = await source.GetTokenAsync(Ct);
        var afterRenewal = await source.GetTokenAsync(Ct);

        Assert.Equal("token-1", first);
        Assert.Equal("token-1", beforeRenewal);
        Assert.Equal("token-2", renewed);
        Assert.Equal("token-2", afterRenewal);
        Assert.Equal(2, identity.Requests);
    }

    [Fact]
    public async Task A_token_shorter_lived_than_twice_the_renewal_margin_is_renewed_at_half_its_life()
    {
        var identity = new FakeIdentity { ExpiresIn = 60 };
        var source = NewSource(identity);

        await source.GetTokenAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(29));
        var early = await source.GetTokenAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        var late = await source.GetTokenAsync(Ct);

        Assert.Equal("token-1", early);
        Assert.Equal("token-2", late);
    }

    [Fact]
    public async Task A_GET_refused_with_401_is_sent_once_more_with_a_new_token()
    {
        var identity = new FakeIdentity();
        var api = new FakeApi(refused: ["token-1"]);
        using var client = NewClient(identity, api);

        var response = await client.GetAsync("http://ordering.test/api/v1/dispatch/42/drop-off", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], api.Authorizations);
        Assert.Equal(2, identity.Requests);
    }

    [Fact]
    public async Task A_second_401_is_returned_rather_than_retried_again()
    {
        var identity = new FakeIdentity();
        var api = new FakeApi(refused: ["token-1", "token-2", "token-3"]);
        using var client = NewClient(identity, api);

        var response = await client.GetAsync("http://ordering.test/api/v1/dispatch/42/drop-off", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], api.Authorizations);
    }

    [Fact]
    public async Task A_request_with_a_body_refused_with_401_is_not_sent_twice()
    {
        var identity = new FakeIdentity();
        var api = new FakeApi(refused: ["token-1"]);
        using var client = NewClient(identity, api);

        var response = await client.PostAsJsonAsync("http://inventory.test/api/v1/reservations", new { sku = "MILK-1L" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["Bearer token-1"], api.Authorizations);
    }

    [Fact]
    public async Task A_late_401_for_a_token_already_replaced_does_not_discard_the_new_one()
    {
        var identity = new FakeIdentity();
        var source = NewSource(identity);
        var stale = await source.GetTokenAsync(Ct);
        source.Invalidate(stale);
        var renewed = await source.GetTokenAsync(Ct);

        source.Invalidate(stale);
        var afterLateRefusal = await source.GetTokenAsync(Ct);

        Assert.Equal("token-2", renewed);
        Assert.Equal("token-2", afterLateRefusal);
        Assert.Equal(2, identity.Requests);
    }

    [Fact]
    public async Task A_refusal_by_Identity_fails_the_call_with_its_status_and_caches_nothing()
    {
        var identity = new FakeIdentity { RefuseFirst = true };
        var source = NewSource(identity);

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => source.GetTokenAsync(Ct).AsTask());
        var next = await source.GetTokenAsync(Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refusal.StatusCode);
        Assert.DoesNotContain(ClientSecret, refusal.Message);
        Assert.Equal("token-2", next);
    }

    [Fact]
    public async Task Without_client_credentials_no_token_is_requested()
    {
        var identity = new FakeIdentity();
        var source = NewSource(identity, new ServiceTokenOptions { ClientId = ClientId });

        await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetTokenAsync(Ct).AsTask());
        Assert.Equal(0, identity.Requests);
    }

    private ServiceTokenSource NewSource(FakeIdentity identity, ServiceTokenOptions? options = null) => new(
        new SingleHandlerFactory(identity),
        Options.Create(options ?? new ServiceTokenOptions
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            TokenEndpoint = "http://identity.test/api/v1/auth/token",
        }),
        new ConfigurationBuilder().Build(),
        _time);

    private HttpClient NewClient(FakeIdentity identity, FakeApi api) =>
        new(new ServiceTokenHandler(NewSource(identity)) { InnerHandler = api });

    private sealed class SingleHandlerFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed record ReceivedRequest(HttpMethod Method, string Uri, string Body);

    /// <summary>Identity's token endpoint: token-1, token-2, … each lasting <see cref="ExpiresIn"/> seconds.</summary>
    private sealed class FakeIdentity : HttpMessageHandler
    {
        private int _requests;

        public int ExpiresIn { get; init; } = 900;

        public bool RefuseFirst { get; init; }

        /// <summary>When set, every answer waits for it, so concurrent callers pile up behind the first request.</summary>
        public TaskCompletionSource? Gate { get; init; }

        public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

        public int Requests => Volatile.Read(ref _requests);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref _requests);
            Received.Enqueue(new ReceivedRequest(request.Method, request.RequestUri!.ToString(), await request.Content!.ReadAsStringAsync(cancellationToken)));
            FirstRequest.TrySetResult();
            if (Gate is not null) await Gate.Task.WaitAsync(cancellationToken);
            if (RefuseFirst && number == 1)
                return new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = JsonContent.Create(new { error = "invalid_client" }) };
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(new { access_token = $"token-{number}", token_type = "Bearer", expires_in = ExpiresIn }),
            };
        }
    }

    /// <summary>A service that refuses the listed tokens with 401 and accepts any other.</summary>
    private sealed class FakeApi(string[] refused) : HttpMessageHandler
    {
        public List<string> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var authorization = request.Headers.Authorization!;
            Authorizations.Add(authorization.ToString());
            return Task.FromResult(new HttpResponseMessage(
                refused.Contains(authorization.Parameter) ? HttpStatusCode.Unauthorized : HttpStatusCode.OK));
        }
    }
}
