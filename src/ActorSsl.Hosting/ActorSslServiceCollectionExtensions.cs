using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSsl.Hosting;

/// <summary>Puts the hosted run's <see cref="ActorSslRunHandle"/> into dependency injection.</summary>
public static class ActorSslServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ActorSslRunHandle"/> as a singleton: the handle of the ActorSystem that <c>AddAkka</c>
    /// registered. (An <c>AkkaConfigurationBuilder</c> cannot add services itself, hence this second call.)
    /// </summary>
    public static IServiceCollection AddActorSslRunHandle(this IServiceCollection services) =>
        services.AddSingleton(sp => ActorSslRunHandle.For(sp.GetRequiredService<ActorSystem>()));
}
