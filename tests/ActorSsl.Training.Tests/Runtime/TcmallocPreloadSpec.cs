using ActorSsl.Training;
using static ActorSsl.Training.TcmallocPreload;

namespace ActorSsl.Training.Tests.Runtime;

/// <summary>
/// When actorssl re-executes itself under tcmalloc, and when it stays on glibc. The re-execution itself runs in
/// <c>AllocatorSpec</c> (ActorSsl.Cli.Tests), on the real program.
/// </summary>
public sealed class TcmallocPreloadSpec
{
    private static readonly Func<string, bool> Installed = path => path == Candidates[0];
    private static readonly Func<string, bool> Missing = _ => false;

    [Fact]
    public void An_installed_library_that_is_not_loaded_yet_is_preloaded_by_re_execution()
    {
        Assert.Equal(Decision.Reexecute, Decide(linux: true, loaded: false, choice: null, reexecuted: false, Installed, out var library));
        Assert.Equal(Candidates[0], library);
        Assert.Equal(Decision.Reexecute, Decide(true, false, "tcmalloc", false, path => path == Candidates[2], out library));
        Assert.Equal(Candidates[2], library);
    }

    [Fact]
    public void A_loaded_library_means_nothing_more_to_do()
    {
        Assert.Equal(Decision.Active, Decide(true, loaded: true, null, reexecuted: true, Installed, out var library));
        Assert.Null(library);
        Assert.Equal(Decision.Active, Decide(true, loaded: true, null, reexecuted: false, Missing, out _)); // preloaded from outside
    }

    [Fact]
    public void Glibc_on_request_or_off_linux_and_never_a_second_re_execution()
    {
        Assert.Equal(Decision.Glibc, Decide(true, false, "glibc", false, Installed, out _));
        Assert.Equal(Decision.Glibc, Decide(true, false, "GLIBC", false, Installed, out _));
        Assert.Equal(Decision.Glibc, Decide(linux: false, false, null, false, Installed, out _));
        // The re-executed process did not get tcmalloc (a broken preload): glibc, no loop.
        Assert.Equal(Decision.PreloadFailed, Decide(true, loaded: false, null, reexecuted: true, Installed, out _));
    }

    [Fact]
    public void No_library_means_glibc_with_the_install_hint()
    {
        Assert.Equal(Decision.NotInstalled, Decide(true, false, null, false, Missing, out var library));
        Assert.Null(library);
    }

    [Fact]
    public void The_report_names_the_allocator_mapped_into_this_process()
    {
        var mapped = File.ReadLines("/proc/self/maps").Any(l => l.Contains("libtcmalloc"));
        Assert.Equal(mapped, IsActive);
        Assert.Equal(mapped ? "tcmalloc" : "glibc", Describe());
    }
}
