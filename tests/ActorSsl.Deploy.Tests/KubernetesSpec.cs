using ActorSsl.Actors.Cluster;
using ActorSsl.Cli.CommandLine;
using YamlDotNet.RepresentationModel;

namespace ActorSsl.Deploy.Tests;

public sealed class KubernetesSpec
{
    private readonly Kubernetes _k8s = new();
    private readonly Akka.Configuration.Config _kubernetesConf = Repo.Hocon(NodeDiscovery.KubernetesConf);

    [Fact]
    public void Trainer_is_a_one_replica_stateful_set_and_augment_a_deployment()
    {
        var trainer = _k8s.Single("StatefulSet");
        Assert.Equal(ClusterRoles.Trainer, Kubernetes.Node(trainer).Role);
        Assert.Equal("1", trainer.Map("spec").Text("replicas"));
        var augment = _k8s.Single("Deployment");
        Assert.Equal(ClusterRoles.Augment, Kubernetes.Node(augment).Role);
    }

    [Fact]
    public void Every_node_finds_the_cluster_through_kubernetes_and_uses_its_role_port()
    {
        foreach (var workload in _k8s.Workloads)
        {
            var node = Kubernetes.Node(workload);
            Assert.Contains(node.Role, ClusterRoles.All);
            Assert.Equal(NodeDiscovery.Kubernetes, node.Discovery);
            Assert.Empty(node.SeedNodes);
            Assert.Equal(Repo.RolePort(node.Role), node.Port);
            Assert.Equal(node.Port, Kubernetes.ContainerPort(workload, "remote"));
            Assert.Equal("kubernetes-api", node.ClusterLayer().GetString("akka.discovery.method"));
        }
    }

    [Fact]
    public void Every_node_listens_on_the_pod_and_advertises_the_pod_ip()
    {
        foreach (var workload in _k8s.Workloads)
        {
            var node = Kubernetes.Node(workload);
            Assert.Equal("0.0.0.0", node.Host);
            Assert.Equal("$(POD_IP)", node.PublicHost);
            var env = Assert.Single(Kubernetes.Container(workload).Seq("env").Children, e => e.Text("name") == "POD_IP");
            Assert.Equal("status.podIP", env.Map("valueFrom").Map("fieldRef").Text("fieldPath"));
        }
    }

    [Fact]
    public void Management_port_is_the_one_kubernetes_conf_gives_and_bootstrap_probes()
    {
        var port = _kubernetesConf.GetInt("akka.management.http.port");
        var portName = _kubernetesConf.GetString("akka.management.cluster.bootstrap.contact-point-discovery.port-name");
        foreach (var workload in _k8s.Workloads)
            Assert.Equal(port, Kubernetes.ContainerPort(workload, portName));
        var service = _k8s.Single("Service");
        Assert.Equal(port.ToString(), Assert.Single(service.Map("spec").Seq("ports").Children, p => p.Text("name") == portName).Text("port"));
    }

    [Fact]
    public void Pods_carry_the_label_that_discovery_selects()
    {
        var serviceName = _kubernetesConf.GetString("akka.management.cluster.bootstrap.contact-point-discovery.service-name");
        var selector = string.Format(_kubernetesConf.GetString("akka.discovery.kubernetes-api.pod-label-selector"), serviceName);
        var (key, value) = (selector.Split('=')[0], selector.Split('=')[1]);
        Assert.Equal(ClusterRoles.SystemName, value);
        foreach (var workload in _k8s.Workloads)
        {
            Assert.Equal(value, workload.Map("spec").Map("template").Map("metadata").Map("labels").Text(key));
            // Each workload's selector matches its own pods only.
            var matchLabels = workload.Map("spec").Map("selector").Map("matchLabels");
            foreach (var (label, expected) in matchLabels.Entries())
                Assert.Equal(expected.Scalar(), workload.Map("spec").Map("template").Map("metadata").Map("labels").Text(label));
        }
        Assert.NotEqual(Selector(_k8s.Single("StatefulSet")), Selector(_k8s.Single("Deployment")));
        Assert.Equal(value, _k8s.Single("Service").Map("spec").Map("selector").Text(key));

        static string Selector(YamlMappingNode w) =>
            string.Join(",", w.Map("spec").Map("selector").Map("matchLabels").Entries().Select(e => $"{e.Key}={e.Value.Scalar()}").Order());
    }

    [Fact]
    public void Pods_run_with_a_service_account_allowed_to_read_pods_and_nothing_else()
    {
        var account = Kubernetes.Name(_k8s.Single("ServiceAccount"));
        foreach (var workload in _k8s.Workloads)
            Assert.Equal(account, Kubernetes.PodSpec(workload).Text("serviceAccountName"));

        var role = _k8s.Single("Role");
        var rule = (YamlMappingNode)Assert.Single(role.Seq("rules").Children);
        Assert.Equal(new[] { "" }, rule.Words("apiGroups")!);
        Assert.Equal(new[] { "pods" }, rule.Words("resources")!);
        Assert.Equal(new[] { "get", "list", "watch" }, rule.Words("verbs")!.Order());

        var binding = _k8s.Single("RoleBinding");
        Assert.Equal("Role", binding.Map("roleRef").Text("kind"));
        Assert.Equal(Kubernetes.Name(role), binding.Map("roleRef").Text("name"));
        var subject = (YamlMappingNode)Assert.Single(binding.Seq("subjects").Children);
        Assert.Equal("ServiceAccount", subject.Text("kind"));
        Assert.Equal(account, subject.Text("name"));
    }

    [Fact]
    public void Manifests_name_no_namespace()
    {
        foreach (var (file, o) in _k8s.Objects)
        {
            Assert.True(o.Map("metadata").Get("namespace") == null, $"{file}: {o.Text("kind")} {Kubernetes.Name(o)} names a namespace");
            if (o.Text("kind") == "RoleBinding")
                foreach (var subject in o.Seq("subjects").Children)
                    Assert.Null(subject.Get("namespace"));
        }
        Assert.Empty(_k8s.OfKind("Namespace"));
    }

    [Fact]
    public void No_container_runs_as_root()
    {
        foreach (var workload in _k8s.Workloads)
        {
            var pod = Kubernetes.PodSpec(workload).Map("securityContext");
            Assert.Equal("true", pod.Text("runAsNonRoot"));
            var uid = int.Parse(pod.Text("runAsUser")!);
            Assert.NotEqual(0, uid);
            Assert.Equal(DockerfileSpec.ImageUid(), uid);
            var container = Kubernetes.Container(workload);
            Assert.Equal("false", container.Map("securityContext").Text("allowPrivilegeEscalation"));
            // A container-level runAsUser would override the pod's.
            Assert.True(container.Map("securityContext").Text("runAsUser") is null or not "0");
        }
    }

    [Fact]
    public void Trainer_keeps_checkpoints_on_its_claim_resumes_and_has_time_to_checkpoint()
    {
        var trainer = _k8s.Single("StatefulSet");
        var node = Kubernetes.Node(trainer);
        Assert.Equal("auto", node.Option("resume"));
        var claim = Kubernetes.Name((YamlMappingNode)Assert.Single(trainer.Map("spec").Seq("volumeClaimTemplates").Children));
        var mount = Assert.Single(Kubernetes.Container(trainer).Seq("volumeMounts").Children, m => m.Text("name") == claim);
        Assert.StartsWith(mount.Text("mountPath") + "/", node.Option("checkpoint-dir"));
        Assert.True(int.Parse(Kubernetes.PodSpec(trainer).Text("terminationGracePeriodSeconds")!) >= StopTimes.TrainerMinimumSeconds);
        Assert.Equal(Kubernetes.Name(_k8s.Single("Service")), trainer.Map("spec").Text("serviceName"));
    }
}
