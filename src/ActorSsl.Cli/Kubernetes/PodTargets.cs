using System.Net;
using System.Text.Json;
using Akka.Discovery;

namespace ActorSsl.Cli.Kubernetes;

/// <summary>
/// The contact points in a Kubernetes pod list (<c>GET /api/v1/namespaces/NS/pods</c>): every running pod that is
/// not being deleted and has an IP, at the container port whose name contains the requested port name.
/// </summary>
public static class PodTargets
{
    public static List<ServiceDiscovery.ResolvedTarget> Parse(string podListJson, string? portName)
    {
        using var document = JsonDocument.Parse(podListJson);
        var targets = new List<ServiceDiscovery.ResolvedTarget>();
        if (!document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array) return targets;
        foreach (var pod in items.EnumerateArray())
        {
            // A terminating pod is leaving the cluster: it is no contact point.
            if (pod.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("deletionTimestamp", out var deleted)
                && deleted.ValueKind != JsonValueKind.Null) continue;
            if (!pod.TryGetProperty("status", out var status)) continue;
            if (Text(status, "phase") != "Running") continue;
            if (Text(status, "podIP") is not { Length: > 0 } ip || !IPAddress.TryParse(ip, out var address)) continue;
            targets.Add(new ServiceDiscovery.ResolvedTarget(ip, string.IsNullOrEmpty(portName) ? null : Port(pod, portName), address));
        }
        return targets;
    }

    private static int? Port(JsonElement pod, string portName)
    {
        if (!pod.TryGetProperty("spec", out var spec) || !spec.TryGetProperty("containers", out var containers)) return null;
        foreach (var container in containers.EnumerateArray())
        {
            if (!container.TryGetProperty("ports", out var ports) || ports.ValueKind != JsonValueKind.Array) continue;
            foreach (var port in ports.EnumerateArray())
                if (Text(port, "name") is { } name && name.Contains(portName, StringComparison.Ordinal)
                    && port.TryGetProperty("containerPort", out var number) && number.TryGetInt32(out var value))
                    return value;
        }
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
