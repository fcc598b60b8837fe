using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;

namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Builds the private ImageSharp <see cref="Configuration"/> of one <see cref="SafeImageDecoder"/>: single-threaded,
/// its own bounded memory allocator, metadata ignored (no zTXt/iCCP/EXIF inflation) and only the first frame of
/// GIF/TIFF decoded (an animation cannot multiply the pixel budget checked on the header).
/// </summary>
internal static class DecoderConfiguration
{
    /// <summary>Pooled memory kept per decoder between images.</summary>
    private const int PoolMegabytes = 16;

    /// <summary>Bytes per pixel allowed for the largest single buffer: the RGBA image (4) plus room for 16-bit intermediates.</summary>
    private const int BufferBytesPerPixel = 8;

    public static Configuration Create(DecoderLimits limits)
    {
        // A fresh Configuration with explicit modules owns its ImageFormatManager, so SetDecoder below cannot
        // leak into Configuration.Default (Configuration.Clone() would share the manager).
        var configuration = new Configuration(
            new PngConfigurationModule(),
            new JpegConfigurationModule(),
            new GifConfigurationModule(),
            new BmpConfigurationModule(),
            new PbmConfigurationModule(),
            new TgaConfigurationModule(),
            new TiffConfigurationModule(),
            new WebpConfigurationModule())
        {
            MaxDegreeOfParallelism = 1,
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                MaximumPoolSizeMegabytes = PoolMegabytes,
                AllocationLimitMegabytes = AllocationLimitMegabytes(limits),
            }),
        };

        var formats = configuration.ImageFormatsManager;
        formats.SetDecoder(PngFormat.Instance, new PngDecoder { IgnoreMetadata = true });
        formats.SetDecoder(JpegFormat.Instance, new JpegDecoder { IgnoreMetadata = true });
        formats.SetDecoder(GifFormat.Instance, new GifDecoder { IgnoreMetadata = true, DecodingMode = FrameDecodingMode.First });
        formats.SetDecoder(TiffFormat.Instance, new TiffDecoder { IgnoreMetadata = true, DecodingMode = FrameDecodingMode.First });
        formats.SetDecoder(WebpFormat.Instance, new WebpDecoder { IgnoreMetadata = true });
        return configuration;
    }

    /// <summary>Largest single (possibly discontiguous) buffer, in MiB, that the allocator hands out.</summary>
    internal static int AllocationLimitMegabytes(DecoderLimits limits)
    {
        var bytes = limits.MaxPixels * BufferBytesPerPixel;
        var megabytes = (bytes + (1 << 20) - 1) >> 20;
        return (int)Math.Clamp(megabytes + PoolMegabytes, 32, int.MaxValue);
    }
}
