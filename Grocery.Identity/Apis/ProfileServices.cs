using Grocery.Identity.Accounts;
using Grocery.Identity.Security;

namespace Grocery.Identity.Apis;

public sealed class ProfileServices(IdentityDbContext db, AccountService accounts, PersonalDataProtector protector, TimeProvider time)
{
    public IdentityDbContext Db { get; } = db;
    public AccountService Accounts { get; } = accounts;
    public PersonalDataProtector Protector { get; } = protector;
    public TimeProvider Time { get; } = time;
}
