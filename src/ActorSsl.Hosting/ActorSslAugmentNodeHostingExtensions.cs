using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using ActorSsl.Actors;
using ActorSsl.Actors.Cluster;
using ActorSsl.Core.Settings;

namespace ActorSsl.Hosting;

/// <summary><c>WithActorSslAugmentNode</c>: the augment role of an ActorSsl cluster inside a host's ActorSystem.</summary>
public static class ActorSslAugmentNodeHostingExtensions
{
    /// <summary>
    /// Starts an <see cref="AugmentNode"/> at <c>/user/actorssl-augment</c> and registers it in the
    /// <see cref="ActorRegistry"/> under the key <see cref="AugmentNode"/>. It asks every cluster member with the
    /// <c>trainer</c> role (this node included) for its run, serves it with its own augmentation workers against the run's
    /// credit, and waits for the next run when it ends. Needs <see cref="ActorSslHostingExtensions.WithActorSsl"/> and a
    /// clustered ActorSystem whose roles include <c>augment</c> (Akka.Cluster.Hosting's <c>WithClustering</c>); without
    /// them the host's start fails saying so.
    /// </summary>
    public static AkkaConfigurationBuilder WithActorSslAugmentNode(this AkkaConfigurationBuilder builder, ActorSslAugmentNodeOptions? options = null)
    {
        if (options?.Workers is < 1)
            throw new ActorSslConfigException($"WithActorSslAugmentNode: Workers = {options.Workers} must be at least 1 (an augment node with no workers serves nothing).");
        return builder.WithActors((system, registry) =>
        {
            if (!ActorSslPipeline.IsClustered(system))
                throw new ActorSslConfigException("akka.actor.provider: WithActorSslAugmentNode needs a clustered ActorSystem (WithClustering with the role 'augment').");
            ActorSslHostingExtensions.Validate(system);
            var roles = Akka.Cluster.Cluster.Get(system).SelfRoles;
            if (!roles.Contains(ClusterRoles.Augment))
                throw new ActorSslConfigException($"akka.cluster.roles = [{string.Join(", ", roles)}]: WithActorSslAugmentNode needs the role '{ClusterRoles.Augment}'.");
            var local = system.Settings.Config;
            if (options?.Workers is { } workers)
                local = ConfigurationFactory.ParseString($"actorssl.augment.workers = {workers}").WithFallback(local);
            HostedRun.CheckFrameSize(system, ActorSslSettings.Create(local)); // fails with the key's name before the actor exists
            var node = system.ActorOf(AugmentNode.Props(new AugmentNodeOptions(local)), AugmentNode.Name);
            registry.Register<AugmentNode>(node);
        });
    }
}
