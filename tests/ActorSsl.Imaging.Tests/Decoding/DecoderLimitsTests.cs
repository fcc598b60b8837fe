using ActorSsl.Imaging.Decoding;

namespace ActorSsl.Imaging.Tests.Decoding;

public sealed class DecoderLimitsTests
{
    [Fact]
    public void Defaults_match_the_documented_values()
    {
        var limits = new DecoderLimits();
        Assert.Equal(64L * 1024 * 1024, limits.MaxFileBytes);
        Assert.Equal(16384, limits.MaxWidth);
        Assert.Equal(16384, limits.MaxHeight);
        Assert.Equal(40_000_000, limits.MaxPixels);
        limits.Validate();
        Assert.Equal(limits, DecoderLimits.Default);
    }

    [Theory]
    [InlineData(0, 1, 1, 1, "MaxFileBytes")]
    [InlineData(1, 0, 1, 1, "MaxWidth")]
    [InlineData(1, 1, -5, 1, "MaxHeight")]
    [InlineData(1, 1, 1, 0, "MaxPixels")]
    [InlineData(1, 1, 1, 1L << 40, "MaxPixels")]
    public void Validate_names_the_bad_limit(long fileBytes, int width, int height, long pixels, string name)
    {
        var limits = new DecoderLimits { MaxFileBytes = fileBytes, MaxWidth = width, MaxHeight = height, MaxPixels = pixels };
        var error = Assert.Throws<ArgumentOutOfRangeException>(limits.Validate);
        Assert.Equal(name, error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SafeImageDecoder(limits));
    }
}
