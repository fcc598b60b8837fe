using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

public class HorizontalFlipTests
{
    [Fact]
    public void ReversesEveryRowOfEveryChannel()
    {
        float[] chw = [0, 1, 2, 3, 4, 5, 6, 7, 8, /* second channel */ 10, 11, 12, 13, 14, 15, 16, 17, 18];
        HorizontalFlip.Apply(chw, 3);
        Assert.Equal([2f, 1, 0, 5, 4, 3, 8, 7, 6, 12, 11, 10, 15, 14, 13, 18, 17, 16], chw);
    }

    [Fact]
    public void TwiceIsIdentity()
    {
        float[] original = [0.1f, 0.2f, 0.3f, 0.4f];
        var chw = (float[])original.Clone();
        HorizontalFlip.Apply(chw, 2);
        Assert.NotEqual(original, chw);
        HorizontalFlip.Apply(chw, 2);
        Assert.Equal(original, chw);
    }

    [Fact]
    public void RejectsRaggedBuffer() => Assert.Throws<ArgumentException>(() => HorizontalFlip.Apply(new float[5], 2));
}
