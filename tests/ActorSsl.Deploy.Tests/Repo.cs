using Akka.Configuration;

namespace ActorSsl.Deploy.Tests;

/// <summary>The repository's files, found by walking up from the test binaries to ActorSsl.sln.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => System.IO.File.ReadAllText(File(relative));

    public static Config Hocon(string relative) => ConfigurationFactory.ParseString(Read(relative));

    /// <summary>The remoting port hocon/cluster/ROLE.conf gives a node of that role.</summary>
    public static int RolePort(string role) => Hocon($"hocon/cluster/{role}.conf").GetInt("akka.remote.dot-netty.tcp.port");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ActorSsl.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no ActorSsl.sln above {AppContext.BaseDirectory}");
    }
}
