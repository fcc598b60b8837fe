using ActorSsl.Imaging.Decoding;

namespace ActorSsl.Data.Folders;

/// <summary>Options of <see cref="ImageFolderSource.Open"/>.</summary>
public sealed record ImageFolderOptions
{
    /// <summary>Folder organisation; <see cref="FolderLayout.Auto"/> decides from the contents.</summary>
    public FolderLayout Layout { get; init; } = FolderLayout.Auto;

    /// <summary>Channels every image is converted to: 1 (BT.709 luma) or 3 (RGB).</summary>
    public int Channels { get; init; } = 3;

    /// <summary>Limits for every decoded file.</summary>
    public DecoderLimits Limits { get; init; } = DecoderLimits.Default;

    /// <summary>Flat layout only: also list images in subfolders. Class folders are always searched recursively.</summary>
    public bool Recursive { get; init; }
}
