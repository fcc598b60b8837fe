using ActorSsl.Data.Folders;
using ActorSsl.Imaging.Decoding;

namespace ActorSsl.Core.Settings;

/// <summary>Where samples come from.</summary>
public enum DataSourceKind { FashionMnist, Folder }

/// <summary><c>actorssl.data</c>: the dataset and the hostile-input limits of its decoder.</summary>
public sealed record DataSettings(DataSourceKind Source, string Path, string Split, FolderLayout Layout, bool Recursive, int Channels, DecoderLimits Limits,
    string EvalSplit = "test", string EvalPath = "")
{
    public static DataSettings Create(ConfigReader data)
    {
        var source = data.Enum("source", ("fashion-mnist", DataSourceKind.FashionMnist), ("folder", DataSourceKind.Folder));
        var split = data.Enum("split", ("train", "train"), ("test", "test"));
        var layout = data.Enum("layout", ("auto", FolderLayout.Auto), ("class-folders", FolderLayout.ClassFolders), ("flat", FolderLayout.Flat));
        var channels = data.Int("channels", 1, 3);
        if (channels == 2) throw new ActorSslConfigException($"{data.Path("channels")} = 2 is not valid: expected 1 (grayscale) or 3 (RGB).");
        var limits = new DecoderLimits
        {
            MaxFileBytes = data.Long("max-file-bytes", 1),
            MaxWidth = data.Int("max-width", 1),
            MaxHeight = data.Int("max-height", 1),
            MaxPixels = data.Long("max-pixels", 1),
        };
        var evalSplit = data.Enum("eval-split", ("train", "train"), ("test", "test"));
        var evalPath = data.OptionalString("eval-path");
        return new DataSettings(source, data.String("path"), split, layout, data.Bool("recursive"), channels, limits, evalSplit, evalPath);
    }
}
