namespace ActorSsl.Training.Models;

/// <summary>Builds a backbone from its configuration name, so training code never switches on architectures.</summary>
public static class BackboneFactory
{
    /// <summary>Name of <see cref="SmallResNet"/>, the reference recipe's backbone.</summary>
    public const string SmallResNetName = "small-resnet";

    /// <summary>Name of <see cref="ResNet18Cifar"/>.</summary>
    public const string ResNet18CifarName = "resnet18-cifar";

    /// <summary>Name of <see cref="ResNet50"/>.</summary>
    public const string ResNet50Name = "resnet50";

    /// <summary>Every name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [SmallResNetName, ResNet18CifarName, ResNet50Name];

    /// <summary>Creates the backbone called <paramref name="name"/> (trimmed, case-insensitive).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="inChannels">Image channels.</param>
    /// <param name="widths">Stage widths for <c>small-resnet</c> (null: 32, 64, 128); the fixed architectures reject it.</param>
    /// <exception cref="ArgumentException">Unknown name (the message lists the known ones), or widths given for a fixed architecture.</exception>
    public static Backbone Create(string name, int inChannels, int[]? widths = null)
    {
        var key = (name ?? "").Trim().ToLowerInvariant();
        if (key != SmallResNetName && Names.Contains(key) && widths is not null)
            throw new ArgumentException($"Backbone '{key}' has fixed widths; widths apply only to {SmallResNetName}.", nameof(widths));
        return key switch
        {
            SmallResNetName => new SmallResNet(inChannels, widths),
            ResNet18CifarName => new ResNet18Cifar(inChannels),
            ResNet50Name => new ResNet50(inChannels),
            _ => throw new ArgumentException($"Unknown backbone '{name}'; known backbones: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
