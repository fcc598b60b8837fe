using Akka.Configuration.Hocon;

namespace ActorSsl.Core.Settings;

/// <summary>
/// The dotted paths of every value below a HOCON object, e.g. <c>blur.probability</c> for <c>{ blur { probability = 1 } }</c>.
/// A key that itself holds a dot stays quoted (<c>"blur.probability"</c>), so it is not taken for the nested path.
/// </summary>
public static class HoconLeaves
{
    /// <summary>Leaf paths of <paramref name="value"/> in document order; an empty object contributes none.</summary>
    public static IReadOnlyList<string> Of(HoconValue value)
    {
        var leaves = new List<string>();
        Collect(value, "", leaves);
        return leaves;
    }

    private static void Collect(HoconValue value, string prefix, List<string> leaves)
    {
        foreach (var (key, child) in value.GetObject().Items)
        {
            var path = prefix + (key.Contains('.') ? "\"" + key + "\"" : key);
            if (child.IsObject()) Collect(child, path + ".", leaves);
            else leaves.Add(path);
        }
    }
}
