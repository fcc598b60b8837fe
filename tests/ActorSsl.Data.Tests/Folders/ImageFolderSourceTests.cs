using ActorSsl.Data.Folders;
using ActorSsl.Imaging;
using ActorSsl.Imaging.Decoding;

namespace ActorSsl.Data.Tests.Folders;

public sealed class ImageFolderSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Rel(ImageFolderSource source, int index) => Path.GetRelativePath(_dir.Path, source.Describe(index)).Replace('\\', '/');

    private void MakeClassFolders()
    {
        _dir.File("zebra/b.png", SampleImages.Png(10, 0, 0));
        _dir.File("zebra/a.PNG", SampleImages.Png(20, 0, 0));
        _dir.File("apple/nested/deep.bmp", SampleImages.Bmp(30, 0, 0));
        _dir.File("apple/x.jpg", SampleImages.Jpeg(40));
        _dir.File("apple/README.txt", "not an image"u8.ToArray());
        _dir.File("apple/.hidden.png", SampleImages.Png(1, 1, 1));
        _dir.File("Mango/m.webp", []); // listed by extension; decoding fails later
        _dir.Folder("empty-class");
        _dir.File("notes.txt", "root text files do not make the layout flat"u8.ToArray());
    }

    [Fact]
    public void Class_folders_get_ordinal_sorted_labels_and_deterministic_order()
    {
        MakeClassFolders();
        using var source = ImageFolderSource.Open(_dir.Path);

        Assert.Equal(FolderLayout.ClassFolders, source.Layout);
        Assert.Equal(new[] { "Mango", "apple", "zebra" }, source.ClassNames); // ordinal: upper case first; empty folder is no class
        Assert.Equal(new[] { "Mango/m.webp", "apple/nested/deep.bmp", "apple/x.jpg", "zebra/a.PNG", "zebra/b.png" },
            Enumerable.Range(0, source.Count).Select(i => Rel(source, i)));
        Assert.Equal(new[] { 0, 1, 1, 2, 2 }, Enumerable.Range(0, source.Count).Select(source.Label));
        Assert.Equal(_dir.Path, source.Name);
        Assert.Equal(3, source.Channels);
    }

    [Fact]
    public void Reads_decode_pixels_and_broken_files_fail_with_a_reason()
    {
        MakeClassFolders();
        using var source = ImageFolderSource.Open(_dir.Path);
        var target = new PixelImage();

        Assert.True(source.TryRead(3, target, out var failure), failure);
        Assert.Equal((6, 4, 3), (target.Width, target.Height, target.Channels));
        Assert.Equal(new byte[] { 20, 0, 0 }, target.Pixels[..3].ToArray());

        Assert.True(source.TryRead(1, target, out failure), failure);
        Assert.Equal(30, target.Pixels[0]);

        Assert.False(source.TryRead(0, target, out failure));
        Assert.Equal("empty file (0 bytes)", failure);
    }

    [Fact]
    public void Flat_folder_is_unlabelled_and_auto_detected()
    {
        _dir.File("b.png", SampleImages.Png(1, 2, 3));
        _dir.File("a.bmp", SampleImages.Bmp(4, 5, 6));
        _dir.File("sub/c.png", SampleImages.Png(7, 8, 9));
        _dir.File("info.txt", "x"u8.ToArray());

        using var source = ImageFolderSource.Open(_dir.Path, new ImageFolderOptions { Channels = 1 });

        Assert.Equal(FolderLayout.Flat, source.Layout);
        Assert.Empty(source.ClassNames);
        Assert.Equal(new[] { "a.bmp", "b.png" }, Enumerable.Range(0, source.Count).Select(i => Rel(source, i)));
        Assert.Equal(-1, source.Label(0));
        var target = new PixelImage();
        Assert.True(source.TryRead(1, target, out var failure), failure);
        Assert.Equal((6, 4, 1), (target.Width, target.Height, target.Channels));
        Assert.Equal(2, target.Pixels[0]); // luma of (1, 2, 3)
    }

    [Fact]
    public void Flat_recursive_includes_subfolders_sorted_by_relative_path()
    {
        _dir.File("b.png", SampleImages.Png(1, 2, 3));
        _dir.File("sub/deeper/c.png", SampleImages.Png(7, 8, 9));
        _dir.File("a/z.png", SampleImages.Png(7, 8, 9));

        using var source = ImageFolderSource.Open(_dir.Path, new ImageFolderOptions { Layout = FolderLayout.Flat, Recursive = true });
        Assert.Equal(new[] { "a/z.png", "b.png", "sub/deeper/c.png" }, Enumerable.Range(0, source.Count).Select(i => Rel(source, i)));
    }

    [Fact]
    public void Explicit_flat_over_class_folders_lists_nothing_without_recursion()
    {
        MakeClassFolders();
        var error = Assert.Throws<InvalidDataException>(() => ImageFolderSource.Open(_dir.Path, new ImageFolderOptions { Layout = FolderLayout.Flat }));
        Assert.StartsWith("no image files (.bmp, .gif, .jpg", error.Message);
        Assert.EndsWith($"in {_dir.Path}; set Recursive to include subfolders", error.Message);

        using var recursive = ImageFolderSource.Open(_dir.Path, new ImageFolderOptions { Layout = FolderLayout.Flat, Recursive = true });
        Assert.Equal(5, recursive.Count);
        Assert.Equal(-1, recursive.Label(4));
    }

    [Fact]
    public void Explicit_class_folders_ignore_root_images()
    {
        _dir.File("root.png", SampleImages.Png(1, 1, 1));
        _dir.File("cats/c.png", SampleImages.Png(2, 2, 2));
        using var auto = ImageFolderSource.Open(_dir.Path);
        Assert.Equal(FolderLayout.Flat, auto.Layout); // images at the root: Auto says flat

        using var classes = ImageFolderSource.Open(_dir.Path, new ImageFolderOptions { Layout = FolderLayout.ClassFolders });
        Assert.Equal(new[] { "cats" }, classes.ClassNames);
        Assert.Equal(1, classes.Count);
    }

    [Fact]
    public void Missing_file_or_empty_paths_fail_at_open_naming_the_path()
    {
        var missing = Path.Combine(_dir.Path, "nope");
        Assert.Equal($"image folder {missing} does not exist",
            Assert.Throws<DirectoryNotFoundException>(() => ImageFolderSource.Open(missing)).Message);

        var file = _dir.File("file.png", SampleImages.Png(1, 1, 1));
        Assert.Equal($"image folder {file} is a file, not a folder",
            Assert.Throws<DirectoryNotFoundException>(() => ImageFolderSource.Open(file)).Message);

        var empty = _dir.Folder("empty");
        _dir.File("empty/readme.txt", "x"u8.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => ImageFolderSource.Open(empty));
        Assert.EndsWith($"in {empty}", error.Message);

        var emptyClasses = _dir.Folder("empty-classes");
        _dir.Folder("empty-classes/a");
        Assert.Throws<InvalidDataException>(() => ImageFolderSource.Open(emptyClasses, new ImageFolderOptions { Layout = FolderLayout.ClassFolders }));
    }

    [Fact]
    public void Symlink_loop_in_recursive_scan_is_not_followed()
    {
        _dir.File("a/x.png", SampleImages.Png(1, 1, 1));
        Directory.CreateSymbolicLink(Path.Combine(_dir.Path, "a", "loop"), _dir.Path);
        using var source = ImageFolderSource.Open(_dir.Path, new ImageFolderOptions { Layout = FolderLayout.Flat, Recursive = true });
        Assert.Equal(new[] { "a/x.png" }, Enumerable.Range(0, source.Count).Select(i => Rel(source, i)));
    }

    [Fact]
    public void Decoder_limits_apply_to_every_file()
    {
        _dir.File("big.png", SampleImages.Png(9, 9, 9, width: 40, height: 30));
        _dir.File("small.png", SampleImages.Png(9, 9, 9, width: 4, height: 3));
        using var source = ImageFolderSource.Open(_dir.Path, new ImageFolderOptions { Limits = new DecoderLimits { MaxPixels = 100 } });
        var target = new PixelImage();
        Assert.False(source.TryRead(0, target, out var failure));
        Assert.Equal("header claims 40x30 pixels (1,200 > limit 100)", failure);
        Assert.True(source.TryRead(1, target, out failure), failure);
    }

    [Fact]
    public void Concurrent_reads_from_many_threads_return_the_right_pixels()
    {
        const int files = 40;
        for (var i = 0; i < files; i++) _dir.File($"c{i % 3}/img{i:D2}.png", SampleImages.Png((byte)i, (byte)(i * 2), (byte)(255 - i), width: 8 + i, height: 5));
        using var source = ImageFolderSource.Open(_dir.Path);
        Assert.Equal(files, source.Count);

        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, () => new PixelImage(), (n, _, target) =>
        {
            var index = n * 7 % files;
            var i = int.Parse(Path.GetFileNameWithoutExtension(source.Describe(index))[3..]);
            if (!source.TryRead(index, target, out var failure)) errors.Add($"{index}: {failure}");
            else if (target.Width != 8 + i || target.Pixels[0] != i || target.Pixels[1] != i * 2 || target.Pixels[^1] != 255 - i)
                errors.Add($"{index}: wrong pixels for img{i:D2}");
            return target;
        }, _ => { });
        Assert.Empty(errors);
    }

    [Fact]
    public void Bad_options_and_indices_are_programming_errors()
    {
        _dir.File("a.png", SampleImages.Png(1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolderSource.Open(_dir.Path, new ImageFolderOptions { Channels = 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolderSource.Open(_dir.Path, new ImageFolderOptions { Limits = new DecoderLimits { MaxWidth = 0 } }));
        var source = ImageFolderSource.Open(_dir.Path);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.TryRead(1, new PixelImage(), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Label(-1));
        source.Dispose();
        Assert.Throws<ObjectDisposedException>(() => source.TryRead(0, new PixelImage(), out _));
    }

    [Fact]
    public void Image_extensions_are_case_insensitive_and_exclude_other_files()
    {
        foreach (var name in new[] { "a.JPG", "b.jpeg", "c.Jpe", "d.jfif", "e.png", "f.TIFF", "g.tif", "h.webp", "i.bmp", "j.gif", "k.tga", "l.pbm", "m.pgm", "n.ppm" })
            Assert.True(ImageFileTypes.IsImageFile(name), name);
        foreach (var name in new[] { "README.txt", "labels.csv", "archive.zip", "noext", "x.png.txt", "photo.heic" })
            Assert.False(ImageFileTypes.IsImageFile(name), name);
    }
}
