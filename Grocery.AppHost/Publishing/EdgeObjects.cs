using k8s.Models;

namespace Grocery.AppHost.Publishing;

/// <summary>The public surface: NGINX Ingresses with TLS from cert-manager, and the controller settings they rely on.</summary>
public static class EdgeObjects
{
    public const string TlsSecret = "grocery-tls";
    public const string IngressClass = "nginx";

    public static V1Ingress Ingress(ServiceDescription edge, KubernetesBundleOptions options)
    {
        var annotations = new Dictionary<string, string>
        {
            ["cert-manager.io/cluster-issuer"] = options.ClusterIssuer,
            ["nginx.ingress.kubernetes.io/ssl-redirect"] = "true",
            ["nginx.ingress.kubernetes.io/force-ssl-redirect"] = "true",
            ["nginx.ingress.kubernetes.io/proxy-body-size"] = "1m",
            // Per client address, before a request costs the edge anything; the edges keep their own finer limits.
            ["nginx.ingress.kubernetes.io/limit-rps"] = edge.Name == Grocery.ServiceDefaults.ResourceNames.Web ? "20" : "50",
            ["nginx.ingress.kubernetes.io/limit-burst-multiplier"] = "5",
            ["nginx.ingress.kubernetes.io/limit-connections"] = "40",
        };
        if (PublicRoutes.NeedsStickySessions(edge.Name))
        {
            annotations["nginx.ingress.kubernetes.io/affinity"] = "cookie";
            annotations["nginx.ingress.kubernetes.io/affinity-mode"] = "persistent";
            annotations["nginx.ingress.kubernetes.io/session-cookie-name"] = "grocery-affinity";
            annotations["nginx.ingress.kubernetes.io/session-cookie-secure"] = "true";
            annotations["nginx.ingress.kubernetes.io/session-cookie-samesite"] = "Lax";
            annotations["nginx.ingress.kubernetes.io/session-cookie-max-age"] = "7200";
            // A circuit is a WebSocket that stays open while the shopper has the page.
            annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"] = "3600";
            annotations["nginx.ingress.kubernetes.io/proxy-send-timeout"] = "3600";
        }
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = new V1ObjectMeta { Name = edge.Name, Labels = KubernetesObjects.Labels(edge.Name), Annotations = annotations },
            Spec = new V1IngressSpec
            {
                IngressClassName = IngressClass,
                Tls = [new V1IngressTLS { Hosts = [options.Host], SecretName = TlsSecret }],
                Rules = [Rule(edge, options.Host)],
            },
        };
    }

    public static V1IngressRule Rule(ServiceDescription edge, string host) => new()
    {
        Host = host,
        Http = new V1HTTPIngressRuleValue
        {
            Paths = [.. PublicRoutes.For(edge.Name).Select(path => new V1HTTPIngressPath
            {
                Path = path,
                PathType = "Prefix",
                Backend = new V1IngressBackend
                {
                    Service = new V1IngressServiceBackend { Name = edge.Name, Port = new V1ServiceBackendPort { Name = "http" } },
                },
            })],
        },
    };

    /// <summary>
    /// Settings of the ingress-nginx controller itself (its own namespace, applied once per cluster):
    /// protocols are a server-wide setting, not an Ingress annotation.
    /// </summary>
    public static V1ConfigMap ControllerSettings() => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = "ingress-nginx-controller", NamespaceProperty = "ingress-nginx" },
        Data = new Dictionary<string, string>
        {
            ["ssl-protocols"] = "TLSv1.2 TLSv1.3",
            ["hsts"] = "true",
            ["hsts-max-age"] = "31536000",
            ["hsts-include-subdomains"] = "true",
            // The controller is the first hop: it writes the client's address, never believes one sent to it.
            ["use-forwarded-headers"] = "false",
            ["server-tokens"] = "false",
        },
    };
}
