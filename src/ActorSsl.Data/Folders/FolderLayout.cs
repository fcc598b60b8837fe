namespace ActorSsl.Data.Folders;

/// <summary>How an image folder is organised.</summary>
public enum FolderLayout
{
    /// <summary>
    /// <see cref="ClassFolders"/> when the root holds no image files itself but at least one subfolder holds
    /// images; otherwise <see cref="Flat"/>.
    /// </summary>
    Auto,

    /// <summary>One subfolder per class (torchvision ImageFolder): labels index the subfolder names sorted ordinally.</summary>
    ClassFolders,

    /// <summary>Unlabelled images directly in the root (and below it when recursive).</summary>
    Flat,
}
