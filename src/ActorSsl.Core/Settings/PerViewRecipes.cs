using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Core.Settings;

/// <summary>
/// <c>actorssl.augment.per-view</c>: one entry per view, each overriding any of the recipe keys of
/// <c>actorssl.augment</c> for that view (BYOL: blur p 1.0 on view 0, 0.1 on view 1, solarize only on view 1). Keys an
/// entry leaves out keep the shared value. Checked at start-up: the list has no entries or exactly <c>views</c>, an
/// entry sets only recipe keys, and every value is in range.
/// </summary>
public static class PerViewRecipes
{
    /// <summary>Keys of <c>actorssl.augment</c> that hold for the whole run, never for one view.</summary>
    private static readonly string[] RunWide = ["workers", "views", "per-view", "image-size"];

    private const string Example = "{ blur.probability = 0.1, solarize-probability = 0.2 }";

    /// <summary>The recipe of each view, or none when the list is empty (every view uses the shared recipe).</summary>
    public static IReadOnlyList<ViewRecipe> Read(ConfigReader augment, int views)
    {
        var entries = augment.ObjectList("per-view", Example);
        if (entries.Count != 0 && entries.Count != views)
            throw new ActorSslConfigException(
                $"{augment.Path("per-view")} has {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")} but {augment.Path("views")} = {views}: " +
                "give one entry per view (view 0 first; {} keeps the shared recipe for a view), or none to render every view with the shared recipe.");
        var recipeKeys = RecipeKeys();
        var recipes = new ViewRecipe[entries.Count];
        for (var view = 0; view < entries.Count; view++)
        {
            var (entry, keys) = entries[view];
            foreach (var key in keys)
            {
                var runWide = RunWide.FirstOrDefault(k => key == k || key.StartsWith(k + ".", StringComparison.Ordinal));
                if (runWide != null)
                    throw new ActorSslConfigException(
                        $"{entry.Path(key)}: {runWide} is the same for every view; set {augment.Path(runWide)} instead.");
            }
            var unknown = keys.Where(key => !recipeKeys.Contains(key)).Select(entry.Path).ToList();
            if (unknown.Count > 0)
                throw new ActorSslConfigException(
                    $"Unknown configuration key{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown)}. A per-view entry overrides " +
                    $"recipe keys of {augment.Name} for one view: {string.Join(", ", recipeKeys.Order(StringComparer.Ordinal))}. " +
                    "Check the spelling against the commented reference.conf (src/ActorSsl.Core/reference.conf).");
            recipes[view] = ViewRecipeSettings.Read(entry);
        }
        return recipes;
    }

    /// <summary>The recipe keys: every key under <c>actorssl.augment</c> in reference.conf except the run-wide ones.</summary>
    private static HashSet<string> RecipeKeys() =>
        HoconLeaves.Of(ActorSslConfig.DefaultConfig().GetValue("actorssl.augment"))
            .Where(key => !RunWide.Any(k => key == k || key.StartsWith(k + ".", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
}
