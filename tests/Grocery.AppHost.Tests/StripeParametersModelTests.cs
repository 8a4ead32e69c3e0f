using Microsoft.Extensions.Logging.Abstractions;

namespace Grocery.AppHost.Tests;

public sealed class StripeParametersModelTests
{
    [Fact]
    public async Task Ordering_gets_the_three_Stripe_keys_as_secret_parameters_when_they_are_set()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local", "--Parameters:stripe-secret-key", "sk_test_x", "--Parameters:stripe-publishable-key", "pk_test_x",
                "--Parameters:stripe-webhook-secret", "whsec_x"], TestContext.Current.CancellationToken);

        var ordering = await EnvironmentOfAsync(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Ordering));

        Assert.Equal("{stripe-secret-key.value}", ordering["Stripe__SecretKey"]);
        Assert.Equal("{stripe-publishable-key.value}", ordering["Stripe__PublishableKey"]);
        Assert.Equal("{stripe-webhook-secret.value}", ordering["Stripe__WebhookSecret"]);
        Assert.All(builder.Resources.OfType<ParameterResource>().Where(p => p.Name.StartsWith("stripe-", StringComparison.Ordinal)), p => Assert.True(p.Secret));
        Assert.DoesNotContain("Stripe__ApiBase", ordering.Keys);
        var web = await EnvironmentOfAsync(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Web));
        Assert.Equal("{stripe-publishable-key.value}", web["Stripe__PublishableKey"]);
        Assert.DoesNotContain(web.Keys, k => k is "Stripe__SecretKey" or "Stripe__WebhookSecret");
    }

    [Fact]
    public async Task A_stripe_api_base_parameter_points_Ordering_at_another_Stripe_and_is_in_the_model_only_when_given()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local", "--Parameters:stripe-secret-key", "sk_test_x", "--Parameters:stripe-publishable-key", "pk_test_x",
                "--Parameters:stripe-webhook-secret", "whsec_x", "--Parameters:stripe-api-base", "http://127.0.0.1:12111"], TestContext.Current.CancellationToken);

        var ordering = await EnvironmentOfAsync(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Ordering));

        Assert.Equal("{stripe-api-base.value}", ordering["Stripe__ApiBase"]);
        var apiBase = Assert.Single(builder.Resources.OfType<ParameterResource>(), p => p.Name == "stripe-api-base");
        Assert.False(apiBase.Secret);
        Assert.Equal("http://127.0.0.1:12111", await apiBase.GetValueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_the_Stripe_keys_no_service_is_held_back_waiting_for_them()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local", "--Parameters:stripe-secret-key", "sk_test_x", "--Parameters:stripe-api-base", "http://127.0.0.1:12111"],
            TestContext.Current.CancellationToken);

        Assert.DoesNotContain(builder.Resources.OfType<ParameterResource>(), p => p.Name.StartsWith("stripe-", StringComparison.Ordinal));
        foreach (var project in builder.Resources.OfType<ProjectResource>())
            Assert.DoesNotContain((await EnvironmentOfAsync(project)).Keys, k => k.StartsWith("Stripe__", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyDictionary<string, string>> EnvironmentOfAsync(ProjectResource service)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(service)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new(DistributedApplicationOperation.Publish), NullLogger.Instance, TestContext.Current.CancellationToken);
        Assert.Null(configuration.Exception);
        return configuration.EnvironmentVariables.ToDictionary(v => v.Key, v => v.Value);
    }
}
