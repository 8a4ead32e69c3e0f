using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;

namespace Grocery.Testing;

/// <summary>
/// The Stripe endpoints Ordering uses (PaymentIntents: create, retrieve, capture, cancel; refunds; SetupIntents),
/// with Stripe's idempotency: a repeated Idempotency-Key returns the first answer. The real Stripe.net client
/// talks to it; tests play the browser (confirm or decline a card, or post to the confirm endpoint as Stripe.js
/// does) and send signed webhooks. Shared by Ordering's component tests and the end-to-end tests.
/// </summary>
public sealed class FakeStripe : IDisposable
{
    public const string SecretKey = "sk_test_fake";
    public const string PublishableKey = "pk_test_fake";
    public const string WebhookSecret = "whsec_test_fake";

    /// <summary>The API version of the pinned Stripe.net (53.1.0); Ordering's tests check that the two agree.</summary>
    public const string ApiVersion = "2026-10-28.endive";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    // Stripe.js calls the API from the shop's pages, so a browser test needs the fake to answer cross-origin.
    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { CorsPolicyOptions = CorsPolicyOptions.AllowAll });
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Intent> _intents = [];
    private readonly Dictionary<string, (int Status, string Body)> _replays = [];
    private readonly List<RefundRecord> _refunds = [];
    private TaskCompletionSource? _nextCreateGate;
    private int _next;

    public FakeStripe()
    {
        _server.Given(Request.Create().WithPath("/v1/payment_intents").UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Idempotent(request, () => Create(request))));
        _server.Given(Request.Create().WithPath(new RegexMatcher("^/v1/payment_intents/[^/]+$")).UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                lock (_lock) return _intents.TryGetValue(request.Path.Split('/')[3], out var intent) ? Reply(200, JsonSerializer.Serialize(intent.ToJson(), Json)) : NotFound();
            }));
        _server.Given(Request.Create().WithPath(new RegexMatcher("^/v1/payment_intents/[^/]+/capture$")).UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Idempotent(request, () => Capture(request))));
        _server.Given(Request.Create().WithPath(new RegexMatcher("^/v1/payment_intents/[^/]+/cancel$")).UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Idempotent(request, () => Cancel(request))));
        _server.Given(Request.Create().WithPath(new RegexMatcher("^/v1/payment_intents/[^/]+/confirm$")).UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Idempotent(request, () => ConfirmFromBrowser(request))));
        _server.Given(Request.Create().WithPath("/v1/refunds").UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Idempotent(request, () => Refund(request))));
        _server.Given(Request.Create().WithPath("/v1/customers").UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Idempotent(request, () =>
                (200, new Dictionary<string, object?> { ["id"] = $"cus_fake{Interlocked.Increment(ref _next)}", ["object"] = "customer" }))));
        _server.Given(Request.Create().WithPath("/v1/setup_intents").UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Idempotent(request, () => CreateSetup(request))));
        _server.Given(Request.Create().WithPath(new RegexMatcher("^/v1/setup_intents/[^/]+$")).UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                lock (_lock) return _setups.TryGetValue(request.Path.Split('/')[3], out var setup) ? Reply(200, JsonSerializer.Serialize(setup.ToJson(), Json)) : NotFound();
            }));
        _server.Given(Request.Create().WithPath(new RegexMatcher("^/v1/setup_intents/[^/]+/cancel$")).UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Idempotent(request, () =>
            {
                if (!_setups.TryGetValue(request.Path.Split('/')[3], out var setup)) return (404, Error("No such setup_intent"));
                if (setup.Status is "succeeded" or "canceled") return (400, Error($"You cannot cancel this SetupIntent because it has a status of {setup.Status}."));
                setup.Status = "canceled";
                return (200, setup.ToJson());
            })));
    }

    private readonly Dictionary<string, Setup> _setups = [];
    private readonly HashSet<Guid> _declineOffSession = [];

    public Setup? SetupFor(Guid orderId)
    {
        lock (_lock) return _setups.Values.SingleOrDefault(s => s.OrderId == orderId)?.Copy();
    }

    /// <summary>The browser confirmed the SetupIntent: the card is saved on the customer for later, off-session use.</summary>
    public Setup ConfirmSetup(Guid orderId)
    {
        lock (_lock)
        {
            var setup = _setups.Values.Single(s => s.OrderId == orderId);
            setup.Status = "succeeded";
            setup.PaymentMethod = $"pm_fake{Interlocked.Increment(ref _next)}";
            return setup.Copy();
        }
    }

    /// <summary>The saved card of this order is declined when charged without the shopper.</summary>
    public void DeclineOffSession(Guid orderId)
    {
        lock (_lock) _declineOffSession.Add(orderId);
    }

    private (int, object) CreateSetup(IRequestMessage request)
    {
        var form = Form(request);
        var id = $"seti_fake{Interlocked.Increment(ref _next)}";
        var setup = new Setup
        {
            Id = id, Customer = form["customer"] ?? "", Usage = form["usage"] ?? "", Status = "requires_payment_method",
            ClientSecret = $"{id}_secret_{Guid.NewGuid():N}", OrderId = Guid.Parse(form["metadata[order_id]"]!),
        };
        _setups[id] = setup;
        return (200, setup.ToJson());
    }

    public sealed class Setup
    {
        public string Id { get; init; } = "";
        public string Customer { get; init; } = "";
        public string Usage { get; init; } = "";
        public string Status { get; set; } = "";
        public string ClientSecret { get; init; } = "";
        public string? PaymentMethod { get; set; }
        public Guid OrderId { get; init; }

        public Setup Copy() => (Setup)MemberwiseClone();

        public Dictionary<string, object?> ToJson() => new()
        {
            ["id"] = Id, ["object"] = "setup_intent", ["customer"] = Customer, ["usage"] = Usage, ["status"] = Status,
            ["client_secret"] = ClientSecret, ["payment_method"] = PaymentMethod,
            ["metadata"] = new Dictionary<string, string> { ["order_id"] = OrderId.ToString() }, ["livemode"] = false,
        };
    }

    public string Url => _server.Url!;

    /// <summary>The AppHost's Stripe parameters that point the whole system (Ordering's Stripe.net client) at this fake.</summary>
    public string[] AppHostParameters =>
    [
        $"--Parameters:stripe-secret-key={SecretKey}", $"--Parameters:stripe-publishable-key={PublishableKey}",
        $"--Parameters:stripe-webhook-secret={WebhookSecret}", $"--Parameters:stripe-api-base={Url}",
    ];

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Stripe:SecretKey"] = SecretKey,
        ["Stripe:PublishableKey"] = PublishableKey,
        ["Stripe:WebhookSecret"] = WebhookSecret,
        ["Stripe:ApiBase"] = Url,
    };

    /// <summary>
    /// The next create under a new key waits for the returned gate before answering, as a slow network would;
    /// the PaymentIntent exists meanwhile, and a repeat of the key is answered at once.
    /// </summary>
    public TaskCompletionSource HoldNextCreateResponse()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _nextCreateGate = gate;
        return gate;
    }

    public Intent? IntentFor(Guid orderId)
    {
        lock (_lock) return _intents.Values.SingleOrDefault(i => i.OrderId == orderId)?.Copy();
    }

    public IReadOnlyList<Intent> IntentsFor(Guid orderId)
    {
        lock (_lock) return _intents.Values.Where(i => i.OrderId == orderId).Select(i => i.Copy()).ToList();
    }

    public IReadOnlyList<RefundRecord> RefundsFor(Guid orderId)
    {
        lock (_lock) return _refunds.Where(r => r.OrderId == orderId).ToList();
    }

    /// <summary>The browser confirmed the card (3-D Secure passed): the amount is held for capture.</summary>
    public Intent Confirm(Guid orderId) => Change(orderId, i =>
    {
        i.Status = "requires_capture";
        i.AmountCapturable = i.Amount;
    });

    public Intent Decline(Guid orderId) => Change(orderId, i =>
    {
        i.Status = "requires_payment_method";
        i.LastPaymentError = new Dictionary<string, string>
        {
            ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "insufficient_funds",
            ["message"] = "Your card has insufficient funds.",
        };
    });

    /// <summary>Requests the fake received for a path (method and path prefix), with their Idempotency-Key, from WireMock's request log.</summary>
    public IReadOnlyList<(string Path, string? IdempotencyKey, string Body)> Requests(string method, string pathPrefix) =>
        _server.LogEntries
            .Where(e => e.RequestMessage.Method == method && e.RequestMessage.Path.StartsWith(pathPrefix, StringComparison.Ordinal))
            .Select(e => (e.RequestMessage.Path,
                e.RequestMessage.Headers is { } h && h.TryGetValue("Idempotency-Key", out var key) ? key.FirstOrDefault() : null,
                e.RequestMessage.Body ?? ""))
            .ToList();

    public IReadOnlyList<(string Path, string? IdempotencyKey, string Body)> CreateRequests(Guid orderId) =>
        Requests("POST", "/v1/payment_intents").Where(r => r.Path == "/v1/payment_intents" && r.Body.Contains(orderId.ToString(), StringComparison.Ordinal)).ToList();

    /// <summary>A webhook as Stripe sends it: the event and its Stripe-Signature (signed now, unless another time is given).</summary>
    public static HttpRequestMessage Webhook(string type, Intent intent, string? eventId = null, DateTimeOffset? signedAt = null, string secret = WebhookSecret) =>
        Webhook(type, intent.ToJson(), eventId, signedAt, secret);

    public static HttpRequestMessage Webhook(string type, Setup setup) => Webhook(type, setup.ToJson(), null, null, WebhookSecret);

    private static HttpRequestMessage Webhook(string type, Dictionary<string, object?> data, string? eventId, DateTimeOffset? signedAt, string secret)
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = eventId ?? $"evt_{Guid.NewGuid():N}",
            ["object"] = "event",
            ["api_version"] = ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["type"] = type,
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["data"] = new Dictionary<string, object?> { ["object"] = data },
        }, Json);
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/webhooks/stripe")
        {
            Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("Stripe-Signature", SignatureHeader(payload, secret, signedAt ?? DateTimeOffset.UtcNow));
        return message;
    }

    /// <summary>Stripe's scheme: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.payload" under the endpoint's secret&gt;.</summary>
    public static string SignatureHeader(string payload, string secret, DateTimeOffset signedAt)
    {
        var timestamp = signedAt.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>
    /// What Stripe.js's confirmPayment posts from the browser: the publishable key and the intent's client secret,
    /// no secret key. A test card is accepted at once (no 3-D Secure challenge), leaving the amount held for capture.
    /// </summary>
    private (int, object) ConfirmFromBrowser(IRequestMessage request)
    {
        var form = Form(request);
        if (!_intents.TryGetValue(request.Path.Split('/')[3], out var intent) || form["client_secret"] != intent.ClientSecret)
            return (404, Error("No such payment_intent"));
        if (form["key"] != PublishableKey) return (401, Error("Invalid API Key provided"));
        if (intent.Status is not ("requires_payment_method" or "requires_confirmation" or "requires_action"))
            return (400, Error($"This PaymentIntent's status is {intent.Status}, so it cannot be confirmed."));
        intent.Status = "requires_capture";
        intent.AmountCapturable = intent.Amount;
        return (200, intent.ToJson());
    }

    private Intent Change(Guid orderId, Action<Intent> change)
    {
        lock (_lock)
        {
            var intent = _intents.Values.Single(i => i.OrderId == orderId);
            change(intent);
            return intent.Copy();
        }
    }

    private IResponseMessage Idempotent(IRequestMessage request, Func<(int Status, object Body)> handle)
    {
        var key = request.Headers is { } h && h.TryGetValue("Idempotency-Key", out var k) ? k.FirstOrDefault() : null;
        (int Status, string Body) answer;
        bool first;
        lock (_lock)
        {
            first = key is null || !_replays.ContainsKey(key);
            if (!first) answer = _replays[key!];
            else
            {
                var (status, body) = handle();
                answer = (status, JsonSerializer.Serialize(body, Json));
                if (key is not null) _replays[key] = answer;
            }
        }
        if (first && request.Path == "/v1/payment_intents" && Interlocked.Exchange(ref _nextCreateGate, null) is { } gate)
            gate.Task.Wait(TimeSpan.FromSeconds(60));
        return Reply(answer.Status, answer.Body);
    }

    private (int, object) Create(IRequestMessage request)
    {
        var form = Form(request);
        var id = $"pi_fake{Interlocked.Increment(ref _next)}";
        var intent = new Intent
        {
            Id = id, Amount = long.Parse(form["amount"]!), Currency = form["currency"]!, CaptureMethod = form["capture_method"] ?? "automatic",
            Status = "requires_payment_method", ClientSecret = $"{id}_secret_{Guid.NewGuid():N}", OrderId = Guid.Parse(form["metadata[order_id]"]!),
            OffSession = form["off_session"] == "true", PaymentMethod = form["payment_method"], Customer = form["customer"],
        };
        _intents[id] = intent;
        if (form["confirm"] == "true" && intent.OffSession)
        {
            if (!_setups.Values.Any(s => s.Customer == intent.Customer && s.PaymentMethod == intent.PaymentMethod && s.Status == "succeeded"))
                return (400, Error("The payment method is not saved on this customer."));
            if (_declineOffSession.Contains(intent.OrderId))
            {
                intent.LastPaymentError = new Dictionary<string, string> { ["type"] = "card_error", ["code"] = "card_declined", ["message"] = "Your card was declined." };
                return (402, new Dictionary<string, object>
                {
                    ["error"] = new Dictionary<string, object?>
                    {
                        ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "generic_decline",
                        ["message"] = "Your card was declined.", ["payment_intent"] = intent.ToJson(),
                    },
                });
            }
            intent.Status = "requires_capture";
            intent.AmountCapturable = intent.Amount;
        }
        return (200, intent.ToJson());
    }

    private (int, object) Capture(IRequestMessage request)
    {
        if (!_intents.TryGetValue(request.Path.Split('/')[3], out var intent)) return (404, Error("No such payment_intent"));
        if (intent.Status != "requires_capture") return (400, Error($"This PaymentIntent could not be captured because it has a status of {intent.Status}."));
        var amount = Form(request)["amount_to_capture"] is { } given ? long.Parse(given) : intent.AmountCapturable;
        if (amount > intent.AmountCapturable) return (400, Error("The amount to capture is greater than the amount capturable."));
        intent.Status = "succeeded";
        intent.AmountReceived = amount;
        intent.AmountCapturable = 0;
        return (200, intent.ToJson());
    }

    private (int, object) Cancel(IRequestMessage request)
    {
        if (!_intents.TryGetValue(request.Path.Split('/')[3], out var intent)) return (404, Error("No such payment_intent"));
        if (intent.Status is "succeeded" or "canceled") return (400, Error($"You cannot cancel this PaymentIntent because it has a status of {intent.Status}."));
        intent.Status = "canceled";
        intent.AmountCapturable = 0;
        return (200, intent.ToJson());
    }

    private (int, object) Refund(IRequestMessage request)
    {
        var form = Form(request);
        if (!_intents.TryGetValue(form["payment_intent"] ?? "", out var intent) || intent.Status != "succeeded")
            return (400, Error("This PaymentIntent has no successful charge to refund."));
        var amount = form["amount"] is { } given ? long.Parse(given) : intent.AmountReceived;
        if (_refunds.Where(r => r.PaymentIntent == intent.Id).Sum(r => r.Amount) + amount > intent.AmountReceived)
            return (400, Error("The refund is greater than the unrefunded amount of the charge."));
        var refund = new RefundRecord($"re_fake{Interlocked.Increment(ref _next)}", intent.Id, intent.OrderId, amount, form["metadata[reason]"]);
        _refunds.Add(refund);
        return (200, new Dictionary<string, object?>
        {
            ["id"] = refund.Id, ["object"] = "refund", ["amount"] = amount, ["currency"] = intent.Currency,
            ["payment_intent"] = intent.Id, ["status"] = "succeeded",
        });
    }

    private static System.Collections.Specialized.NameValueCollection Form(IRequestMessage request) => HttpUtility.ParseQueryString(request.Body ?? "");

    private static object Error(string message) => new Dictionary<string, object> { ["error"] = new Dictionary<string, string> { ["type"] = "invalid_request_error", ["message"] = message } };

    private static IResponseMessage NotFound() => Reply(404, JsonSerializer.Serialize(Error("No such payment_intent"), Json));

    private static IResponseMessage Reply(int status, string body) => new ResponseMessage
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new WireMock.Util.BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
    };

    public void Dispose() => _server.Stop();

    public sealed class Intent
    {
        public string Id { get; init; } = "";
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public string CaptureMethod { get; init; } = "";
        public string Status { get; set; } = "";
        public string ClientSecret { get; init; } = "";
        public Guid OrderId { get; init; }
        public long AmountCapturable { get; set; }
        public long AmountReceived { get; set; }
        public Dictionary<string, string>? LastPaymentError { get; set; }
        public bool OffSession { get; init; }
        public string? PaymentMethod { get; init; }
        public string? Customer { get; init; }

        public Intent Copy() => (Intent)MemberwiseClone();

        public Dictionary<string, object?> ToJson() => new()
        {
            ["id"] = Id, ["object"] = "payment_intent", ["amount"] = Amount, ["amount_capturable"] = AmountCapturable,
            ["amount_received"] = AmountReceived, ["currency"] = Currency, ["capture_method"] = CaptureMethod, ["status"] = Status,
            ["client_secret"] = ClientSecret, ["metadata"] = new Dictionary<string, string> { ["order_id"] = OrderId.ToString() },
            ["last_payment_error"] = LastPaymentError, ["livemode"] = false,
        };
    }

    public sealed record RefundRecord(string Id, string PaymentIntent, Guid OrderId, long Amount, string? Reason);
}
