using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

public class RandomGrayscaleTests
{
    [Fact]
    public void ReplicatesLumaToAllChannels()
    {
        float[] chw = [1f, 0f, /* G */ 0.5f, 0f, /* B */ 0f, 1f];
        RandomGrayscale.Apply(chw, 3);
        // (1, .5, 0): .299 + .2935 = .5925; (0, 0, 1): .114
        TestImages.AssertClose([0.5925f, 0.114f, 0.5925f, 0.114f, 0.5925f, 0.114f], chw);
    }

    [Fact]
    public void OneChannelIsUnchanged()
    {
        float[] plane = [0.3f, 0.7f];
        RandomGrayscale.Apply(plane, 1);
        Assert.Equal([0.3f, 0.7f], plane);
    }
}
