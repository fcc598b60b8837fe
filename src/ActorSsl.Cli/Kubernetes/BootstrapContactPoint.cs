using System.Collections.Immutable;
using System.Net;
using System.Text;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Management.Cluster.Bootstrap.ContactPoint;
using Newtonsoft.Json;

namespace ActorSsl.Cli.Kubernetes;

/// <summary>
/// The HTTP contact point that cluster bootstrap probes on every discovered pod: <c>GET /bootstrap/seed-nodes</c>
/// answers this node's address and the cluster's reachable members, in Akka.Management's own JSON types
/// (<see cref="HttpBootstrapJsonProtocol"/>, Newtonsoft.Json, as its prober reads them), exactly what
/// Akka.Management's endpoint answers there.
/// <para>
/// Why ActorSsl serves it instead of <c>AkkaManagement.Start()</c>: Akka.Management 1.5.73's HTTP server
/// (Akka.Http.Shim) was compiled against Ceen.Httpd 0.9.9 and calls <c>HttpServer.ListenAsync(IPEndPoint, …)</c>;
/// the only Ceen.Httpd the project's NuGet feed serves is 0.9.10, where that parameter is an <c>EndPoint</c>, so
/// <c>AkkaManagement.Start()</c> fails with MissingMethodException. Everything else of the bootstrap (discovery,
/// probing, the join decision) is Akka.Management's.
/// </para>
/// </summary>
public sealed class BootstrapContactPoint : IDisposable
{
    public const string Path = "/bootstrap/seed-nodes";

    private readonly HttpListener _listener = new();
    private readonly ActorSystem _system;

    private BootstrapContactPoint(ActorSystem system) => _system = system;

    /// <summary>Listens on <paramref name="bindHost"/>:<paramref name="port"/> (0.0.0.0: every interface) until the system shuts down.</summary>
    public static BootstrapContactPoint Start(ActorSystem system, string bindHost, int port)
    {
        var endpoint = new BootstrapContactPoint(system);
        // HttpListener's wildcard is "+"; a literal 0.0.0.0 prefix would only answer requests whose Host header says 0.0.0.0.
        var host = bindHost is "0.0.0.0" or "*" or "+" or "::" ? "+" : bindHost.Contains(':') ? $"[{bindHost}]" : bindHost;
        endpoint._listener.Prefixes.Add($"http://{host}:{port}/");
        endpoint._listener.Start();
        _ = Task.Run(endpoint.ServeAsync);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "actorssl-bootstrap-contact-point", () =>
        {
            endpoint.Dispose();
            return Task.FromResult(Akka.Done.Instance);
        });
        return endpoint;
    }

    /// <summary>The JSON a prober gets: this node and the cluster's reachable Up, WeaklyUp and Joining members.</summary>
    public static string SeedNodesJson(Akka.Cluster.Cluster cluster)
    {
        var state = cluster.State;
        var members = state.Members
            .Where(m => !state.Unreachable.Contains(m))
            .Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining)
            .Select(m => new HttpBootstrapJsonProtocol.ClusterMember(m.UniqueAddress.Address, m.UniqueAddress.Uid, m.Status, m.Roles))
            .ToImmutableList();
        return JsonConvert.SerializeObject(new HttpBootstrapJsonProtocol.SeedNodes(cluster.SelfUniqueAddress.Address, members));
    }

    public void Dispose()
    {
        if (_listener.IsListening) _listener.Stop();
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            try
            {
                Respond(context);
            }
            catch (Exception e)
            {
                _system.Log.Warning("actorssl bootstrap contact point: {0}", e.Message);
                context.Response.StatusCode = (int)HttpStatusCode.InternalServerError;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private void Respond(HttpListenerContext context)
    {
        var response = context.Response;
        if (context.Request.HttpMethod != "GET" || context.Request.Url?.AbsolutePath.TrimEnd('/') != Path)
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }
        var cluster = Akka.Cluster.Cluster.Get(_system);
        // A node on its way out is no contact point. One that has not joined yet is (its SelfMember says Removed
        // until then): during the bootstrap every pod must answer, with no members, so that the lowest one may form
        // the cluster.
        if (cluster.IsTerminated || cluster.SelfMember.Status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Leaving)
        {
            response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            return;
        }
        var body = Encoding.UTF8.GetBytes(SeedNodesJson(cluster));
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
    }
}
