using ActorSsl.Core.Settings;
using ActorSsl.Data;
using ActorSsl.Data.Folders;
using ActorSsl.Data.Idx;

namespace ActorSsl.Core.Sources;

/// <summary>Opens the dataset that <c>actorssl.data</c> describes, limited to <c>run.max-samples</c>.</summary>
public static class SampleSourceFactory
{
    public static ISampleSource Open(DataSettings data, int maxSamples)
    {
        ISampleSource source = data.Source switch
        {
            DataSourceKind.FashionMnist => FashionMnist.Open(data.Path, data.Split, data.Channels),
            DataSourceKind.Folder => ImageFolderSource.Open(data.Path, new ImageFolderOptions
            {
                Layout = data.Layout,
                Recursive = data.Recursive,
                Channels = data.Channels,
                Limits = data.Limits,
            }),
            _ => throw new ActorSslConfigException($"actorssl.data.source: unsupported source {data.Source}"),
        };
        return maxSamples > 0 && maxSamples < source.Count ? new SubsetSource(source, maxSamples) : source;
    }

    /// <summary>The labelled evaluation set (IDX: the eval split; folders: eval-path), or null when there is none.</summary>
    public static ISampleSource? OpenEvaluation(DataSettings data) => data.Source switch
    {
        DataSourceKind.FashionMnist => FashionMnist.Open(data.Path, data.EvalSplit, data.Channels),
        DataSourceKind.Folder when data.EvalPath.Length > 0 => ImageFolderSource.Open(data.EvalPath, new ImageFolderOptions
        {
            Layout = FolderLayout.ClassFolders,
            Channels = data.Channels,
            Limits = data.Limits,
        }),
        _ => null,
    };
}
