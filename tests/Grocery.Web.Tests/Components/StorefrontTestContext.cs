using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grocery.Web.Tests.Components;

/// <summary>A bUnit context with the storefront's texts in the chosen language and a clock the test controls.</summary>
public abstract class StorefrontTestContext : BunitContext
{
    protected static readonly DateTimeOffset Now = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero); // 08:00 in Ho Chi Minh City

    protected FakeTimeProvider Clock { get; } = new(Now);

    // bUnit waits 1 s by default; these tests share two cores with the whole running system the journeys use.
    static StorefrontTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected StorefrontTestContext()
    {
        Services.AddLocalization();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddLogging();
        // Forms carry an antiforgery token; bUnit has no request to take one from.
        ComponentFactories.AddStub<Microsoft.AspNetCore.Components.Forms.AntiforgeryToken>();
    }

    protected static void UseLanguage(string language)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language);
    }
}
