using System.Diagnostics;
using ActorSsl.Training;

namespace ActorSsl.Deploy.Tests;

/// <summary>
/// Every way of installing ActorSsl installs tcmalloc (the image and deploy/prerequisites.sh), and the package puts the
/// library where <see cref="TcmallocPreload"/> looks for it.
/// </summary>
public sealed class TcmallocSpec
{
    private const string Package = "libtcmalloc-minimal4";

    [Fact]
    public void The_image_installs_tcmalloc_in_its_final_stage()
    {
        var docker = new Dockerfile(Repo.Read(DockerfileSpec.File));
        Assert.Contains(docker.FinalStage, i => i.Keyword == "RUN" && i.Arguments.Contains("apt-get install") &&
                                                 i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(Package));
    }

    [Fact]
    public void The_prerequisites_script_installs_tcmalloc()
    {
        var line = Assert.Single(File.ReadLines(Repo.File("deploy/prerequisites.sh")), l => l.StartsWith("packages=("));
        Assert.Contains(Package, line[line.IndexOf('(')..].Trim('(', ')').Split(' '));
    }

    [Fact]
    public void The_installed_package_puts_the_library_where_actorssl_looks()
    {
        // deploy/prerequisites.sh (run by deploy/test.sh before the tests) installs the package on this machine.
        var dpkg = Process.Start(new ProcessStartInfo("dpkg", ["-L", Package]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var files = dpkg.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        dpkg.WaitForExit();
        Assert.True(dpkg.ExitCode == 0, $"{Package} is not installed: run deploy/prerequisites.sh");
        Assert.Contains(files, TcmallocPreload.Candidates.Contains);
    }
}
