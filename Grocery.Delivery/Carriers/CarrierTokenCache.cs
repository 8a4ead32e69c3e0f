namespace Grocery.Delivery.Carriers;

/// <summary>Access tokens per carrier, shared by the (transient) typed clients; one refresh at a time.</summary>
public sealed class CarrierTokenCache(TimeProvider time)
{
    private readonly Dictionary<string, (string Token, DateTimeOffset ExpiresAt)> _tokens = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<string> GetAsync(string carrier, Func<CancellationToken, Task<(string Token, TimeSpan Lifetime)>> fetch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_tokens.TryGetValue(carrier, out var cached) && cached.ExpiresAt > time.GetUtcNow()) return cached.Token;
            var (token, lifetime) = await fetch(cancellationToken);
            // Renew a minute early so a token never expires mid-request.
            _tokens[carrier] = (token, time.GetUtcNow() + lifetime - TimeSpan.FromMinutes(1));
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate(string carrier)
    {
        _gate.Wait();
        try { _tokens.Remove(carrier); }
        finally { _gate.Release(); }
    }
}
