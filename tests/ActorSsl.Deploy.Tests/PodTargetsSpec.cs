using ActorSsl.Cli.Kubernetes;

namespace ActorSsl.Deploy.Tests;

public sealed class PodTargetsSpec
{
    // The shape of GET /api/v1/namespaces/NS/pods?labelSelector=app%3Dactorssl, trimmed to the fields read.
    private const string PodList = """
        {
          "kind": "PodList", "apiVersion": "v1", "metadata": { "resourceVersion": "7" },
          "items": [
            { "metadata": { "name": "actorssl-trainer-0" },
              "spec": { "containers": [ { "name": "node", "ports": [ { "name": "remote", "containerPort": 4054 }, { "name": "management", "containerPort": 8558 } ] } ] },
              "status": { "phase": "Running", "podIP": "10.1.0.5" } },
            { "metadata": { "name": "actorssl-augment-a", "deletionTimestamp": "2026-11-30T06:00:00Z" },
              "spec": { "containers": [ { "name": "node", "ports": [ { "name": "management", "containerPort": 8558 } ] } ] },
              "status": { "phase": "Running", "podIP": "10.1.0.6" } },
            { "metadata": { "name": "actorssl-augment-b" },
              "spec": { "containers": [ { "name": "node", "ports": [ { "name": "management", "containerPort": 8558 } ] } ] },
              "status": { "phase": "Pending" } },
            { "metadata": { "name": "actorssl-augment-c" },
              "spec": { "containers": [ { "name": "node", "ports": [ { "name": "remote", "containerPort": 4055 }, { "name": "management", "containerPort": 9558 } ] } ] },
              "status": { "phase": "Running", "podIP": "10.1.0.7" } }
          ]
        }
        """;

    [Fact]
    public void Running_pods_that_are_not_being_deleted_are_contact_points_at_their_named_port()
    {
        var targets = PodTargets.Parse(PodList, "management");
        Assert.Equal(new[] { ("10.1.0.5", (int?)8558), ("10.1.0.7", 9558) }, targets.Select(t => (t.Host, t.Port)));
        Assert.All(targets, t => Assert.Equal(t.Host, t.Address!.ToString()));
    }

    [Fact]
    public void Without_a_port_name_the_bootstrap_falls_back_to_its_own_port()
    {
        Assert.All(PodTargets.Parse(PodList, ""), t => Assert.Null(t.Port));
        Assert.All(PodTargets.Parse(PodList, "no-such-port"), t => Assert.Null(t.Port));
    }

    [Fact]
    public void An_empty_list_has_no_targets()
    {
        Assert.Empty(PodTargets.Parse("""{ "kind": "PodList", "items": [] }""", "management"));
        Assert.Empty(PodTargets.Parse("""{ "kind": "PodList", "items": null }""", "management"));
    }
}
