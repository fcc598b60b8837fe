using System.Globalization;
using System.Text.Json;
using ActorSsl.Actors.Cluster;

namespace ActorSsl.Deploy.Tests;

/// <summary>
/// The GC settings of <see cref="RemotingGcSettings"/> reach every process that moves chunks between nodes: the
/// build puts the large-object threshold in actorssl's runtimeconfig.json, deploy/ sets the gen-0 budget.
/// </summary>
public sealed class RemotingGcSettingsSpec
{
    [Fact]
    public void The_gen0_budget_is_64_MiB_in_the_hexadecimal_form_dotnet_reads()
    {
        Assert.StartsWith("0x", RemotingGcSettings.Gen0SizeValue);
        Assert.Equal(64L << 20, long.Parse(RemotingGcSettings.Gen0SizeValue[2..], NumberStyles.HexNumber));
    }

    [Fact]
    public void The_actorssl_runtimeconfig_keeps_chunks_out_of_the_large_object_heap()
    {
        // The referenced Cli project's runtimeconfig.json is copied next to this test assembly by the build.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "actorssl.runtimeconfig.json")));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.Equal(RemotingGcSettings.LohThresholdValue, properties.GetProperty(RemotingGcSettings.LohThresholdProperty).GetInt64());
    }

    [Fact]
    public void The_image_sets_the_gen0_budget()
    {
        var docker = new Dockerfile(Repo.Read(DockerfileSpec.File));
        Assert.Contains(docker.FinalStage, i => i.Keyword == "ENV" &&
            i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains($"{RemotingGcSettings.Gen0SizeVariable}={RemotingGcSettings.Gen0SizeValue}"));
    }

    [Theory]
    [MemberData(nameof(SystemdSpec.Units), MemberType = typeof(SystemdSpec))]
    public void Every_systemd_unit_sets_the_gen0_budget(string file, string role)
    {
        Assert.False(string.IsNullOrEmpty(role));
        Assert.Contains($"{RemotingGcSettings.Gen0SizeVariable}={RemotingGcSettings.Gen0SizeValue}", new SystemdUnit(file).All("Service", "Environment"));
    }

    [Fact]
    public void A_process_without_the_settings_is_told_what_to_set()
    {
        // This test host has neither: no LOH property in its runtimeconfig, and (unless set from outside) no variable.
        var warning = RemotingGcSettings.Warning();
        Assert.NotNull(warning);
        Assert.Contains(RemotingGcSettings.LohThresholdProperty, warning);
        if (RemotingGcSettings.Gen0Size is null) Assert.Contains($"{RemotingGcSettings.Gen0SizeVariable}={RemotingGcSettings.Gen0SizeValue}", warning);
    }
}
