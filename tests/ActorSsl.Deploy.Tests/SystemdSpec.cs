using System.Text.RegularExpressions;
using ActorSsl.Actors.Cluster;

namespace ActorSsl.Deploy.Tests;

public sealed partial class SystemdSpec
{
    private const string Program = "/opt/actorssl/actorssl.dll";
    private const string EnvironmentFile = "/etc/actorssl/actorssl.env";

    // Unit file → the role it runs.
    public static TheoryData<string, string> Units => new()
    {
        { "actorssl-seed.service", ClusterRoles.Seed },
        { "actorssl-trainer.service", ClusterRoles.Trainer },
        { "actorssl-augment@.service", ClusterRoles.Augment },
    };

    [Fact]
    public void The_units_here_are_the_ones_checked()
    {
        var files = Directory.GetFiles(Repo.File(SystemdUnit.Directory), "*.service").Select(Path.GetFileName).Order();
        Assert.Equal(Units.Select(row => (string)row[0]).Order(), files);
    }

    [Theory]
    [MemberData(nameof(Units))]
    public void Unit_runs_its_role_on_its_role_port(string file, string role)
    {
        var unit = new SystemdUnit(file);
        var node = Node(unit);
        Assert.Equal(role, node.Role);
        Assert.Equal(Repo.RolePort(role), node.Port);
        if (role == ClusterRoles.Augment)
        {
            // The template's instance is its port; `systemctl enable actorssl-augment@.service` enables the default.
            Assert.Contains("--port %i", unit.Get("Service", "ExecStart"));
            Assert.Equal(Repo.RolePort(role).ToString(), unit.Get("Install", "DefaultInstance"));
        }
    }

    [Theory]
    [MemberData(nameof(Units))]
    public void Unit_joins_the_seed_at_the_seed_port_and_listens_where_it_is_told(string file, string role)
    {
        var node = Node(new SystemdUnit(file));
        Assert.Equal(ActorSslEnvironment()["ACTORSSL_HOST"], node.Host);
        Assert.Equal(ActorSslEnvironment()["ACTORSSL_PUBLIC_HOST"], node.PublicHost);
        if (role == ClusterRoles.Seed)
        {
            Assert.Empty(node.SeedNodes);
            return;
        }
        var seed = new Uri(Assert.Single(node.SeedNodes));
        Assert.Equal(ClusterRoles.SystemName, seed.UserInfo);
        Assert.Equal(Repo.RolePort(ClusterRoles.Seed), seed.Port);
    }

    [Theory]
    [MemberData(nameof(Units))]
    public void Unit_runs_as_its_own_user_stops_with_sigterm_and_restarts_on_failure(string file, string role)
    {
        var unit = new SystemdUnit(file);
        var user = unit.Get("Service", "User");
        Assert.False(string.IsNullOrEmpty(user) || user is "root" or "0", $"{file}: User={user}");
        // The user the units name is the one deploy/systemd/actorssl.sysusers.conf creates.
        Assert.Contains(File.ReadAllLines(Repo.File($"{SystemdUnit.Directory}/actorssl.sysusers.conf")), l => l.StartsWith($"u {user} "));
        Assert.Equal("SIGTERM", unit.Get("Service", "KillSignal"));
        Assert.Equal("on-failure", unit.Get("Service", "Restart"));
        var stop = StopTimes.Seconds(unit.Get("Service", "TimeoutStopSec")!);
        Assert.True(stop >= (role == ClusterRoles.Trainer ? StopTimes.TrainerMinimumSeconds : 10), $"{file}: TimeoutStopSec={stop}s");
        Assert.Equal(EnvironmentFile, unit.Get("Service", "EnvironmentFile"));
    }

    [Fact]
    public void Trainer_unit_resumes_from_its_checkpoints()
    {
        var node = Node(new SystemdUnit("actorssl-trainer.service"));
        Assert.Equal("auto", node.Option("resume"));
        Assert.StartsWith("/var/lib/actorssl/", node.Option("checkpoint-dir"));
    }

    /// <summary>deploy/systemd/actorssl.env over the units' Environment= defaults, as systemd applies them.</summary>
    private static Dictionary<string, string> ActorSslEnvironment() => SystemdUnit.Environment($"{SystemdUnit.Directory}/actorssl.env");

    /// <summary>ExecStart as systemd runs it: ${VAR} from Environment= then the env file, %i = DefaultInstance.</summary>
    private static NodeArgs Node(SystemdUnit unit)
    {
        var variables = unit.All("Service", "Environment")
            .Select(e => (Key: e[..e.IndexOf('=')], Value: e[(e.IndexOf('=') + 1)..]))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, value) in ActorSslEnvironment()) variables[key] = value;

        var words = Words.Split(unit.Get("Service", "ExecStart")!);
        Assert.Equal(new[] { "/usr/bin/dotnet", Program }, words.Take(2));
        var argv = words.Skip(2).Select(w => Variable().Replace(w, m =>
        {
            Assert.True(variables.ContainsKey(m.Groups[1].Value), $"{unit.Name}: ${{{m.Groups[1].Value}}} is set neither by the unit nor by actorssl.env");
            return variables[m.Groups[1].Value];
        })).Select(w => w.Replace("%i", unit.Get("Install", "DefaultInstance") ?? "%i")).ToList();
        return NodeArgs.Parse($"{SystemdUnit.Directory}/{unit.Name}", argv);
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();
}
