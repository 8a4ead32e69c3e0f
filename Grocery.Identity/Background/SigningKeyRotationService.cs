using Microsoft.Extensions.Options;

using Grocery.Identity.Security;

namespace Grocery.Identity.Background;

/// <summary>Creates the first key, rotates it when it is due and prunes keys no live token can use.</summary>
internal sealed class SigningKeyRotationService(
    SigningKeyStore keys,
    IOptions<IdentityServiceOptions> options,
    TimeProvider time,
    ILogger<SigningKeyRotationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SigningKeys.CheckInterval, time);
        do
        {
            try
            {
                if (await keys.RotateIfDueAsync(stoppingToken) is { } key)
                    logger.LogInformation("Signing key rotation scheduled; {KeyId} signs from {ActivatesAt}", key.KeyId, key.ActivatesAt);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Signing key rotation check failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
