using YamlDotNet.RepresentationModel;

namespace ActorSsl.Deploy.Tests;

/// <summary>Every object in deploy/kubernetes/*.yaml, and the workloads' pod templates.</summary>
internal sealed class Kubernetes
{
    public const string Directory = "deploy/kubernetes";

    public Kubernetes()
    {
        Files = System.IO.Directory.GetFiles(Repo.File(Directory), "*.yaml").Order().ToList();
        Assert.NotEmpty(Files);
        Objects = Files.SelectMany(f => Yaml.Documents(f).Select(d => (File: Path.GetFileName(f), Object: d))).ToList();
    }

    public List<string> Files { get; }

    public List<(string File, YamlMappingNode Object)> Objects { get; }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Select(o => o.Object).Where(o => o.Text("kind") == kind);

    public YamlMappingNode Single(string kind) => Assert.Single(OfKind(kind));

    /// <summary>StatefulSets and Deployments: the objects that run pods.</summary>
    public IEnumerable<YamlMappingNode> Workloads => OfKind("StatefulSet").Concat(OfKind("Deployment"));

    public static YamlMappingNode PodSpec(YamlMappingNode workload) => workload.Map("spec").Map("template").Map("spec");

    public static YamlMappingNode Container(YamlMappingNode workload) =>
        (YamlMappingNode)Assert.Single(PodSpec(workload).Seq("containers").Children);

    public static string Name(YamlMappingNode o) => o.Map("metadata").Text("name")!;

    /// <summary>The workload's `actorssl node` command line, with $(POD_IP) standing as written.</summary>
    public static NodeArgs Node(YamlMappingNode workload)
    {
        var container = Container(workload);
        // The image's ENTRYPOINT runs the command; a `command:` here would replace it.
        Assert.Null(container.Get("command"));
        return NodeArgs.Parse($"{Directory} {Name(workload)}", container.Words("args")!);
    }

    public static int ContainerPort(YamlMappingNode workload, string name) =>
        int.Parse(Assert.Single(Container(workload).Seq("ports").Children, p => p.Text("name") == name).Text("containerPort")!);
}
