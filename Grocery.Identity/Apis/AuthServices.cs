using Grocery.Identity.Accounts;
using Grocery.Identity.Security;
using Microsoft.Extensions.Options;

namespace Grocery.Identity.Apis;

public sealed class AuthServices(AccountService accounts, RequestThrottle throttle, IOptions<IdentityServiceOptions> options)
{
    public AccountService Accounts { get; } = accounts;
    public RequestThrottle Throttle { get; } = throttle;
    public IOptions<IdentityServiceOptions> Options { get; } = options;
    public RateLimitSettings Limits => Options.Value.RateLimits;
}
