using k8s.Models;

namespace Grocery.Deploy.Tests;

public sealed class IngressTests(Bundle bundle)
{
    public static TheoryData<string> Targets => [.. Bundle.Targets];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_ingress_backend_names_a_generated_Service_and_one_of_its_ports(string target)
    {
        var services = bundle.All<V1Service>(target, "Service").ToDictionary(s => s.Metadata.Name);
        var ingresses = bundle.All<V1Ingress>(target, "Ingress").ToList();

        Assert.Equal(2, ingresses.Count);
        foreach (var path in ingresses.SelectMany(i => i.Spec.Rules).SelectMany(r => r.Http.Paths))
        {
            var backend = path.Backend.Service;
            Assert.True(services.TryGetValue(backend.Name, out var service), $"{path.Path} goes to {backend.Name}, which is not generated");
            Assert.Contains(service.Spec.Ports, p => p.Name == backend.Port.Name);
            // The public port, never the management one that serves health and metrics.
            Assert.Equal("http", backend.Port.Name);
        }
    }

    [Fact]
    public void The_storefront_is_served_at_the_root_and_the_api_and_graphql_by_the_gateway_over_tls()
    {
        var routes = bundle.All<V1Ingress>("production", "Ingress")
            .SelectMany(i => i.Spec.Rules.SelectMany(r => r.Http.Paths).Select(p => (p.Path, Service: p.Backend.Service.Name, i.Spec.Tls, i.Metadata.Annotations)))
            .ToDictionary(r => r.Path);

        Assert.Equal(ResourceNames.Web, routes["/"].Service);
        Assert.Equal(ResourceNames.Gateway, routes["/api"].Service);
        Assert.Equal(ResourceNames.Gateway, routes["/graphql"].Service);
        foreach (var route in routes.Values)
        {
            Assert.Equal([Bundle.Host], Assert.Single(route.Tls).Hosts);
            Assert.True(route.Annotations.ContainsKey("cert-manager.io/cluster-issuer"));
            Assert.Equal("true", route.Annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"]);
            Assert.True(route.Annotations.ContainsKey("nginx.ingress.kubernetes.io/proxy-body-size"));
            Assert.True(int.Parse(route.Annotations["nginx.ingress.kubernetes.io/limit-rps"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
        // Interactive circuits live in one Web pod's memory; the API is stateless.
        Assert.Equal("cookie", routes["/"].Annotations["nginx.ingress.kubernetes.io/affinity"]);
        Assert.False(routes["/api"].Annotations.ContainsKey("nginx.ingress.kubernetes.io/affinity"));
    }

    [Fact]
    public void The_ingress_controller_speaks_only_TLS_1_2_and_1_3_and_writes_the_client_address_itself()
    {
        var settings = bundle.One<V1ConfigMap>("ingress-nginx", "ConfigMap", "ingress-nginx-controller").Data;

        Assert.Equal("TLSv1.2 TLSv1.3", settings["ssl-protocols"]);
        Assert.Equal("false", settings["use-forwarded-headers"]);
    }
}
