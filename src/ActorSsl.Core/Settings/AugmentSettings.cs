using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Core.Settings;

/// <summary>
/// <c>actorssl.augment</c>: worker count, views per sample, the shared view recipe and the optional per-view recipes
/// (<see cref="PerView"/>: none, or one per view).
/// </summary>
public sealed record AugmentSettings(int Workers, int Views, ViewRecipe Recipe, IReadOnlyList<ViewRecipe> PerView)
{
    public int ImageSize => Recipe.OutputSize;

    /// <summary>What the augmentation pipeline renders view i with: <see cref="PerView"/>, or the shared recipe for every view.</summary>
    public IReadOnlyList<ViewRecipe> Recipes => PerView.Count > 0 ? PerView : [Recipe];

    public static AugmentSettings Create(ConfigReader augment)
    {
        var recipe = ViewRecipeSettings.Read(augment);
        var views = augment.Int("views", 1, 16);
        return new AugmentSettings(augment.Int("workers", 0, 1024), views, recipe, PerViewRecipes.Read(augment, views));
    }

    // Value equality over the per-view list too: a run's settings read on another node must compare equal.
    public bool Equals(AugmentSettings? other) =>
        other is not null && Workers == other.Workers && Views == other.Views && Recipe == other.Recipe && PerView.SequenceEqual(other.PerView);

    public override int GetHashCode() => HashCode.Combine(Workers, Views, Recipe, PerView.Count);
}
