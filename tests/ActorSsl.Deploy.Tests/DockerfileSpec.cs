using System.Text.Json;
using ActorSsl.Actors.Cluster;
using ActorSsl.Cli.CommandLine;

namespace ActorSsl.Deploy.Tests;

public sealed class DockerfileSpec
{
    public const string File = "deploy/Dockerfile";

    private readonly Dockerfile _docker = new(Repo.Read(File));

    /// <summary>The numeric uid the final stage runs as (compose and Kubernetes must use the same).</summary>
    public static int ImageUid()
    {
        var user = new Dockerfile(Repo.Read(File)).FinalStage.Last(i => i.Keyword == "USER").Arguments;
        return int.Parse(user.Split(':')[0]);
    }

    [Fact]
    public void Builds_in_one_stage_and_runs_in_another()
    {
        Assert.True(_docker.Stages.Count >= 2, $"{File}: {_docker.Stages.Count} FROM stage(s)");
        var build = BuildStage();
        Assert.NotSame(build, _docker.FinalStage);
        // The final stage takes the published program from the build stage, not the SDK.
        Assert.Contains(_docker.FinalStage, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build /app /app"));
        Assert.DoesNotContain(_docker.FinalStage, i => i.Keyword == "COPY" && i.Arguments.Contains("dotnet-sdk"));
    }

    [Fact]
    public void Runs_as_a_user_that_is_not_root()
    {
        var users = _docker.FinalStage.Where(i => i.Keyword == "USER").ToList();
        Assert.NotEmpty(users);
        var user = users[^1].Arguments.Split(':')[0];
        Assert.False(user is "root" or "0", $"{File}: USER {users[^1].Arguments}");
        Assert.True(int.TryParse(user, out var uid) && uid > 0, "USER should be numeric, so Kubernetes' runAsNonRoot can verify it");
        // The user exists in the image with that uid.
        Assert.Contains(_docker.FinalStage, i => i.Keyword == "RUN" && i.Arguments.Contains($"useradd --system --uid {uid} "));
        // Nothing after USER switches back.
        Assert.DoesNotContain(_docker.FinalStage.SkipWhile(i => i != users[^1]), i => i.Keyword == "USER" && i.Arguments.Split(':')[0] is "root" or "0");
    }

    [Fact]
    public void Runs_the_actorssl_command_with_node_help_by_default()
    {
        Assert.Equal(Compose.ImageEntrypoint, Exec("ENTRYPOINT"));
        Assert.Equal(new[] { "node", "--help" }, Exec("CMD"));
    }

    [Fact]
    public void Both_stages_are_debian_12()
    {
        Assert.StartsWith("debian:bookworm", BuildStage()[0].Arguments);
        Assert.StartsWith("debian:bookworm", _docker.FinalStage[0].Arguments);
    }

    [Fact]
    public void Build_stage_can_patch_libtorchsharp_and_checks_that_the_publish_output_is_patched()
    {
        var build = BuildStage();
        var install = Assert.Single(build, i => i.Keyword == "RUN" && i.Arguments.Contains("apt-get install"));
        var packages = install.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("g++", packages);
        Assert.Contains("patchelf", packages);
        var publish = Assert.Single(build, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish src/ActorSsl.Cli -c Release -o /app"));
        Assert.Contains("libactorssl_glibcxx_shim.so", publish.Arguments);
        Assert.Contains("readelf -d /app/runtimes/linux-x64/native/libLibTorchSharp.so", publish.Arguments);
    }

    [Fact]
    public void Hocon_goes_next_to_the_program()
    {
        Assert.Contains(BuildStage(), i => i.Keyword == "COPY" && i.Arguments == "hocon/ /app/hocon/");
        // Every file the node loads is in that folder (the CLI walks up from /app to find hocon/cluster/*.conf).
        foreach (var role in ClusterRoles.All)
            Assert.True(System.IO.File.Exists(Repo.File($"{NodeConfig.Directory}/{role}.conf")));
        Assert.True(System.IO.File.Exists(Repo.File(NodeDiscovery.KubernetesConf)));
    }

    [Fact]
    public void Exposes_the_role_ports_and_the_management_port()
    {
        var exposed = _docker.FinalStage.Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Arguments.Split(' ')).Select(int.Parse).ToHashSet();
        foreach (var role in ClusterRoles.All) Assert.Contains(Repo.RolePort(role), exposed);
        Assert.Contains(Repo.Hocon(NodeDiscovery.KubernetesConf).GetInt("akka.management.http.port"), exposed);
    }

    [Fact]
    public void Build_context_ignore_file_lets_through_what_the_dockerfile_copies()
    {
        var ignore = System.IO.File.ReadAllLines(Repo.File("deploy/Dockerfile.dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#').ToList();
        Assert.Equal("*", ignore[0]);
        var sources = _docker.Instructions
            .Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from"))
            .Select(i => i.Arguments.Split(' ')[0]);
        foreach (var source in sources) Assert.Contains("!" + source, ignore);
        Assert.Contains("**/bin/", ignore);
        Assert.Contains("**/obj/", ignore);
    }

    private List<Dockerfile.Instruction> BuildStage() => _docker.Stage("build");

    private string[] Exec(string keyword)
    {
        var instruction = Assert.Single(_docker.FinalStage, i => i.Keyword == keyword);
        // Exec form (JSON): the node is PID 1 and receives docker stop's SIGTERM itself.
        return JsonSerializer.Deserialize<string[]>(instruction.Arguments)!;
    }
}
